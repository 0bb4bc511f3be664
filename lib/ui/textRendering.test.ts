import { beforeAll, describe, expect, it } from "vitest";
import { formatSql } from "./formatSql";
import { tokenizeSql } from "./tokenizeSql";
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
});
