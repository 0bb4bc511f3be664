import { beforeAll, describe, expect, it } from "vitest";
import { syntheticSpanRows } from "@/testing/syntheticSpanRows";
import { formatSql, formatSqlTokens } from "./formatSql";
import { tokenizeSql } from "./tokenizeSql";
import { normalizeSql } from "../trace/normalizeSql";
import { findMatchRanges, MAX_HIGHLIGHT_CHARS, splitMatches } from "./splitMatches";
import { clipText, ROW_TEXT_MAX } from "./clipText";
import { loadRegexEngine } from "../trace/regexEngine";

// A regex search runs once its engine is loaded (lib/trace/regexEngine.ts), as the page loads it.
beforeAll(async () => {
  await loadRegexEngine();
});

describe("splitMatches", () => {
  it("cuts out every case-insensitive substring hit", () => {
    expect(splitMatches("SELECT quota FROM Quotas", { text: "quota" })).toEqual([
      { text: "SELECT ", match: false },
      { text: "quota", match: true },
      { text: " FROM ", match: false },
      { text: "Quota", match: true },
      { text: "s", match: false },
    ]);
    expect(splitMatches("abc", { text: "x" })).toEqual([{ text: "abc", match: false }]);
    expect(splitMatches("abc", null)).toEqual([{ text: "abc", match: false }]);
    expect(splitMatches("aAa", { text: "a", caseSensitive: true })).toEqual([
      { text: "a", match: true },
      { text: "A", match: false },
      { text: "a", match: true },
    ]);
  });

  it("highlights regex hits, skips empty matches and invalid patterns", () => {
    expect(splitMatches("GET /v2.1/servers/detail", { text: "serv\\w+", regex: true })).toEqual([
      { text: "GET /v2.1/", match: false },
      { text: "servers", match: true },
      { text: "/detail", match: false },
    ]);
    expect(splitMatches("abc", { text: "x*", regex: true })).toEqual([{ text: "abc", match: false }]);
    expect(splitMatches("abc", { text: "(", regex: true })).toEqual([{ text: "abc", match: false }]);
  });

  it("highlights with the search's linear-time regex: a catastrophic pattern marks its hits, an unsupported one nothing", () => {
    const path = `GET /${"a".repeat(32)}!`;
    expect(splitMatches(path, { text: "(a+)+!$", regex: true })).toEqual([
      { text: "GET /", match: false },
      { text: `${"a".repeat(32)}!`, match: true },
    ]);
    expect(splitMatches(path, { text: "(a+)+$", regex: true })).toEqual([{ text: path, match: false }]);
    expect(splitMatches("instances", { text: "inst(?=ances)", regex: true })).toEqual([{ text: "instances", match: false }]);
    expect(splitMatches("xx😀ÉÉb", { text: "é+B", regex: true })).toEqual([
      { text: "xx😀", match: false },
      { text: "ÉÉb", match: true },
    ]);
  });

  it("looks for hits only in the first MAX_HIGHLIGHT_CHARS characters", () => {
    const text = `${"x".repeat(MAX_HIGHLIGHT_CHARS - 2)}abab`;
    expect(findMatchRanges(text, { text: "ab" }, 10)).toEqual([[MAX_HIGHLIGHT_CHARS - 2, MAX_HIGHLIGHT_CHARS]]);
    expect(findMatchRanges(text, { text: "b+", regex: true }, 10)).toEqual([[MAX_HIGHLIGHT_CHARS - 1, MAX_HIGHLIGHT_CHARS]]);
  });

  it("stops after the part limit, keeping the whole text", () => {
    const parts = splitMatches("a".repeat(1000), { text: "a" }, 10);
    expect(parts.filter((p) => p.match)).toHaveLength(5);
    expect(parts.map((p) => p.text).join("")).toBe("a".repeat(1000));
  });
});

describe("clipText", () => {
  it("keeps short texts and cuts long ones to the limit plus an ellipsis", () => {
    expect(clipText("GET /v2.1/servers")).toBe("GET /v2.1/servers");
    expect(clipText("x".repeat(ROW_TEXT_MAX))).toBe("x".repeat(ROW_TEXT_MAX));
    expect(clipText("x".repeat(ROW_TEXT_MAX + 1))).toBe(`${"x".repeat(ROW_TEXT_MAX)}…`);
    expect(clipText("abcdef", 3)).toBe("abc…");
  });

  it("never splits a surrogate pair", () => {
    expect(clipText("ab😀cd", 3)).toBe("ab…");
    expect(clipText("a😀cd", 3)).toBe("a😀…");
  });
});

describe("SQL", () => {
  const sql =
    "SELECT instances.uuid, count(*) AS n FROM instances WHERE instances.deleted = %(deleted_1)s AND host IN (%s, 'it''s') -- note\nLIMIT 10";

  it("formats OSprofiler's one-line SQL with its placeholders intact", () => {
    const formatted = formatSql(sql);
    expect(formatted.split("\n").length).toBeGreaterThan(4);
    expect(formatted).toContain("%(deleted_1)s");
    expect(formatted).toMatch(/IN \(%s, 'it''s'\)/);
    expect(formatSql("this is ( not sql")).toBe("this is ( not sql");
  });

  it("indents clauses, joins, conditions and subqueries as sql-formatter did", () => {
    const placement =
      "SELECT rp.id FROM resource_providers AS rp JOIN inventories AS inv ON rp.id = inv.resource_provider_id AND inv.resource_class_id = %(resource_class_id_1)s " +
      "LEFT OUTER JOIN (SELECT allocations.resource_provider_id AS resource_provider_id, sum(allocations.used) AS used FROM allocations " +
      "WHERE allocations.resource_class_id = %(resource_class_id_2)s GROUP BY allocations.resource_provider_id) AS usage ON inv.resource_provider_id = usage.resource_provider_id " +
      "WHERE coalesce(usage.used, %(coalesce_1)s) + %(param_1)s <= (inv.total - inv.reserved) * inv.allocation_ratio AND inv.min_unit <= %(min_unit_1)s";
    expect(formatSql(placement).split("\n")).toEqual([
      "SELECT",
      "  rp.id",
      "FROM",
      "  resource_providers AS rp",
      "  JOIN inventories AS inv ON rp.id = inv.resource_provider_id",
      "  AND inv.resource_class_id = %(resource_class_id_1)s",
      "  LEFT OUTER JOIN (",
      "    SELECT",
      "      allocations.resource_provider_id AS resource_provider_id,",
      "      sum(allocations.used) AS used",
      "    FROM",
      "      allocations",
      "    WHERE",
      "      allocations.resource_class_id = %(resource_class_id_2)s",
      "    GROUP BY",
      "      allocations.resource_provider_id",
      "  ) AS usage ON inv.resource_provider_id = usage.resource_provider_id",
      "WHERE",
      "  coalesce(usage.used, %(coalesce_1)s) + %(param_1)s <= (inv.total - inv.reserved) * inv.allocation_ratio",
      "  AND inv.min_unit <= %(min_unit_1)s",
    ]);
    // Placeholders are whole tokens by normalizeSql's rule (each is one "?" there), whatever their name holds.
    const params = (sql: string) =>
      tokenizeSql(sql)
        .filter((t) => t.kind === "param")
        .map((t) => t.text);
    const placeholders = "UPDATE t SET a=%(project id)s, b=%(x.y)s, c=%(project-id)s, d=%d, e=:e_1, f=$2, g=? WHERE h::text = %(h)s";
    expect(params(placeholders)).toEqual(["%(project id)s", "%(x.y)s", "%(project-id)s", "%d", ":e_1", "$2", "?", "%(h)s"]);
    expect(normalizeSql(placeholders)).toBe("update t set a = ?, b = ?, c = ?, d = ?, e = ?, f = ?, g = ? where h::text = ?");
    expect(formatSql(placeholders).split("\n")).toContain("  c=%(project-id)s,");
    // "%(" over and over, never closed: no placeholder, and little work.
    const hostile = "SELECT " + "%(".repeat(50_000);
    const started = performance.now();
    expect(params(hostile)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(formatSql("UPDATE ports SET status=%(status)s, host=%s WHERE ports.id = %(id_1)s").split("\n")).toEqual([
      "UPDATE ports",
      "SET",
      "  status=%(status)s,",
      "  host=%s",
      "WHERE",
      "  ports.id = %(id_1)s",
    ]);
    // BETWEEN's AND is not a condition's; VALUES(x) after ON DUPLICATE KEY UPDATE is a call.
    expect(formatSql("SELECT a FROM t WHERE a BETWEEN 1 AND 2 AND b = 3 OR c IN (SELECT d FROM u)").split("\n")).toEqual([
      "SELECT",
      "  a",
      "FROM",
      "  t",
      "WHERE",
      "  a BETWEEN 1 AND 2",
      "  AND b = 3",
      "  OR c IN (",
      "    SELECT",
      "      d",
      "    FROM",
      "      u",
      "  )",
    ]);
    expect(formatSql("INSERT INTO t (a, b) VALUES (%s, %s) ON DUPLICATE KEY UPDATE a = VALUES(a)").split("\n")).toEqual([
      "INSERT INTO",
      "  t (a, b)",
      "VALUES",
      "  (%s, %s)",
      "ON DUPLICATE KEY UPDATE",
      "  a = VALUES(a)",
    ]);
  });

  it("keeps every token of every statement, in order, and formats its own output to itself", () => {
    const scenarios = ["boot-server", "list-servers", "create-volume", "list-networks", "issue-token", "create-stack"] as const;
    const statements = new Set<string>([
      sql,
      "SELECT a -- why\nFROM t WHERE x = '--' /* c */ AND y = \"(\"",
      "SELECT ((a)) FROM (((t)))",
      "SELECT count(a -- why\n, b) FROM t",
    ]);
    for (const scenario of scenarios)
      for (const row of syntheticSpanRows(scenario, 400, 3).rows) if (row.name === "db" && row.detail) statements.add(row.detail);
    expect(statements.size).toBeGreaterThan(40);
    const words = (text: string) => tokenizeSql(text).filter((t) => t.kind !== "space");
    for (const statement of statements) {
      const formatted = formatSql(statement);
      expect(words(formatted), statement).toEqual(words(statement));
      expect(formatSql(formatted), statement).toBe(formatted);
      // The panel colors these tokens: the indented text's own, without tokenizing it again.
      const { tokens, indented } = formatSqlTokens(statement);
      expect(tokens, statement).toEqual(tokenizeSql(formatted));
      expect(indented, statement).toBe(formatted !== statement);
    }
    // A line comment's newline is kept: what follows it is not commented out.
    expect(formatSql("SELECT a -- why\nFROM t")).toBe("SELECT\n  a -- why\nFROM\n  t");
    expect(formatSql("SELECT count(a -- why\n) FROM t")).toBe("SELECT\n  count(a -- why\n  )\nFROM\n  t");
  });

  it("leaves what it cannot indent as it came", () => {
    for (const text of ["this is ( not sql", "SELECT (a FROM t", "SELECT a) FROM t", "BEGIN", "SAVEPOINT sa_savepoint_1", "", "   "]) {
      expect(formatSql(text)).toBe(text);
      expect(formatSqlTokens(text)).toEqual({ tokens: tokenizeSql(text), indented: false });
    }
  });

  it("tokenizes losslessly into kinds to color", () => {
    const tokens = tokenizeSql(sql);
    expect(tokens.map((t) => t.text).join("")).toBe(sql);
    const kindOf = (text: string) => tokens.find((t) => t.text === text)?.kind;
    expect(kindOf("SELECT")).toBe("keyword");
    expect(kindOf("count")).toBe("keyword");
    expect(kindOf("instances")).toBe("identifier");
    expect(kindOf("%(deleted_1)s")).toBe("param");
    expect(kindOf("%s")).toBe("param");
    expect(kindOf("'it''s'")).toBe("string");
    expect(kindOf("-- note")).toBe("comment");
    expect(kindOf("10")).toBe("number");
    expect(kindOf("(")).toBe("punctuation");
    const odd = '<script>alert(1)</script> `tbl` 1e5 \u00e9 "unterminated';
    expect(
      tokenizeSql(odd)
        .map((t) => t.text)
        .join(""),
    ).toBe(odd);
  });
  it("tokenizes digits that run into a letter in linear time", () => {
    // 64K characters (a statement as long as ingest keeps one): each digit used to retry the run (~4 s).
    const digits = `SELECT ${"1".repeat(65_536)}x FROM t`;
    const started = performance.now();
    const tokens = tokenizeSql(digits);
    expect(performance.now() - started).toBeLessThan(500);
    expect(tokens.map((t) => t.text).join("")).toBe(digits);
    expect(formatSql(digits)).toContain("1".repeat(65_536));
    // The run is one token, the letters after it another.
    expect(tokenizeSql("x = 123abc + 4").map((t) => [t.kind, t.text])).toEqual([
      ["identifier", "x"],
      ["space", " "],
      ["punctuation", "="],
      ["space", " "],
      ["punctuation", "123"],
      ["identifier", "abc"],
      ["space", " "],
      ["punctuation", "+"],
      ["space", " "],
      ["number", "4"],
    ]);
  });
});
