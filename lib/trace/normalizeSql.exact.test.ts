// normalizeSql is the definition of a statement's shape: the DB breakdown, N+1, call labels,
// compare and the collector's per-trace sums group by it, and stored sums are keyed by its hash.
// The one-pass version must answer byte for byte what the token-array version did
// (tests/support/referenceNormalizeSql.ts), on real statements and on anything a wire may carry.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRandom, type Random } from "../../testing/synthetic/createRandom";
import { syntheticSpanRows } from "../../testing/syntheticSpanRows";
import { referenceNormalizeSql } from "../../tests/support/referenceNormalizeSql";
import { normalizeSql } from "./normalizeSql";

const SCENARIOS = ["boot-server", "list-servers", "create-volume", "list-networks", "issue-token", "create-stack"] as const;

/** Every detail text of the synthetic scenarios' traces and every string in the OSprofiler fixtures. */
let real: string[] | null = null;
function realTexts(): string[] {
  if (real) return real;
  const texts = new Set<string>();
  for (const scenario of SCENARIOS) {
    for (const row of syntheticSpanRows(scenario, 500, 7).rows) if (row.detail !== null) texts.add(row.detail);
  }
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      texts.add(value);
      if (value.startsWith("{") || value.startsWith("[")) {
        try {
          walk(JSON.parse(value));
        } catch {
          // not JSON: the string itself is enough
        }
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  const fixtures = join(__dirname, "../../tests/fixtures/osprofiler");
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".json"))) walk(JSON.parse(readFileSync(join(fixtures, file), "utf8")));
  return (real = [...texts]);
}

/** Pieces that steer the tokenizer: quotes, comments, placeholders, numbers, casts, lists, odd characters. */
const PIECES = [
  "'",
  '"',
  "`",
  "(",
  ")",
  ",",
  ";",
  " ",
  "\t",
  "\n",
  "\r\n",
  "-",
  "--",
  "/*",
  "*/",
  "\\",
  "$",
  "$$",
  "$a$",
  "$1",
  "$tag_9$",
  "%s",
  "%d",
  "%b",
  "%(",
  "%(id_1)s",
  ":",
  "::",
  ":name",
  "?",
  "0x",
  "0X1f",
  "1",
  "42",
  "9",
  ".",
  ".5",
  "1.",
  "1e",
  "e+5",
  "E",
  "e",
  "N",
  "x",
  "X'ff'",
  "B",
  "+",
  "*",
  "/",
  "=",
  "<>",
  "<=",
  "!",
  "|",
  "||",
  "&",
  "^",
  "~",
  "#",
  "@",
  "%",
  "select",
  "SELECT",
  "in",
  "IN",
  "values",
  "VALUES",
  "from",
  "and",
  "or",
  "not",
  "as",
  "limit",
  "LIMIT",
  "is",
  "then",
  "between",
  "like",
  "by",
  "t.col_1",
  "_",
  "a",
  "Z",
  "\0",
  "\u00a0",
  "\u2028",
  "\u3000",
  "\ufeff",
  "é",
  "İ",
  "ΑΣ",
  "ς",
  "\u212a",
  "ß",
  "中",
  "٣",
  "\ud83d\ude00",
  "\ud835",
  "\udc00",
  "…",
  "(…)",
  "\u0085",
];

function randomStatement(random: Random, pieces: number): string {
  let s = "";
  for (let k = 0; k < pieces; k++) s += random.pick(PIECES);
  return s;
}

/** A real statement bent: cut anywhere (unterminated quotes and comments), a piece put in, a case changed. */
function mutate(random: Random, text: string): string {
  const at = random.int(0, text.length);
  switch (random.int(0, 3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + random.pick(PIECES) + text.slice(at);
    case 2:
      return text.slice(0, at).toUpperCase() + text.slice(at);
    default:
      return text.slice(at) + text.slice(0, at);
  }
}

function expectSame(texts: Iterable<string>): number {
  let n = 0;
  for (const text of texts) {
    const shape = normalizeSql(text);
    // One message per difference, naming the input: expect(...).toBe(...) alone would only show shapes.
    if (shape !== referenceNormalizeSql(text)) expect({ text, shape }).toEqual({ text, shape: referenceNormalizeSql(text) });
    n++;
  }
  return n;
}

describe("normalizeSql against the token-array version", () => {
  it("gives the same shape for every real statement and text in the synthetic scenarios and the fixtures", () => {
    const texts = realTexts();
    expect(texts.filter((t) => /^(select|insert|update|delete) /i.test(t)).length).toBeGreaterThan(40);
    expect(expectSame(texts)).toBe(texts.length);
  });

  it("gives the same shape for real statements cut, spliced and re-cased", () => {
    const random = createRandom("normalizeSql/mutate");
    const texts = realTexts().filter((t) => t.length > 20);
    const bent = Array.from({ length: 10_000 }, () => mutate(random, mutate(random, random.pick(texts))));
    expect(expectSame(bent)).toBe(10_000);
  });

  it("gives the same shape for random statements of tokenizer-steering pieces, short and long", () => {
    const random = createRandom("normalizeSql/random");
    expect(expectSame(Array.from({ length: 40_000 }, () => randomStatement(random, random.int(0, 24))))).toBe(40_000);
    // Long ones too: a long shape is read out of the buffer another way (and the buffer grows).
    expect(expectSame(Array.from({ length: 100 }, () => randomStatement(random, random.int(500, 10_000))))).toBe(100);
  });

  it("gives the same shape for hostile statements", () => {
    const list = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(", ");
    const hostile = [
      `SELECT a FROM t WHERE id IN (${list(20_000, (i) => String(i))})`,
      `INSERT INTO t (a, b) VALUES ${list(5_000, (i) => `(${i}, 'v${i}')`)};;;`,
      `SELECT ${list(9_000, (k) => `t.col_${k}`)} FROM t WHERE x = 1`.padEnd(65_536, "y"),
      `SELECT * FROM t WHERE note = '${"x".repeat(65_000)}`,
      `SELECT * FROM t WHERE note = "${"x".repeat(65_000)}`,
      `SELECT 1 /* ${"x".repeat(65_000)}`,
      `SELECT $body$ ${"x".repeat(65_000)}`,
      `SELECT ${"9".repeat(399)}.5, ${"9".repeat(400)}.5, ${"1".repeat(398)}e+7, ${"1".repeat(1_000)}, 0x${"f".repeat(1_000)}`,
      `SELECT ${"-".repeat(3)}1, - -1, x - -1, (-1), LIMIT -1, ${"- ".repeat(1_000)}1`,
      `SELECT "Ἀθῆναι", ΣΊΣΥΦΟΣ.ΑΣ, İSTANBUL, \u212aELVIN FROM t WHERE a = 'é' AND \0 = \0`,
      `SELECT '\ud83d\ude00', "\ud800", \udc00x, \ud835\udc00 FROM t`.repeat(200),
      "((((((((((1, 2), (3, 4)), ((5), (6))))))))))".repeat(500),
      `SELECT ${"(".repeat(10_000)}1${")".repeat(10_000)}`,
      "\ufeffSELECT 1".padEnd(5_000, "\u00a0"),
      ";".repeat(10_000),
      "?, ".repeat(10_000),
      "",
    ];
    expect(expectSame(hostile)).toBe(hostile.length);
  });
});
