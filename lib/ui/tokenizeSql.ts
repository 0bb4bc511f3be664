// SQL -> tokens to color (keywords, strings, numbers, placeholders, comments), losslessly.
// No dependencies; formatSql indents on the same tokens.

export type SqlTokenKind = "keyword" | "string" | "number" | "param" | "comment" | "identifier" | "punctuation" | "space";
export type SqlToken = { kind: SqlTokenKind; text: string };

const KEYWORDS = new Set(
  (
    "select from where and or not in is null as on join left right inner outer cross full group by order having limit offset " +
    "insert into values update set delete returning union all distinct case when then else end exists between like asc desc " +
    "count sum min max avg coalesce with create table alter drop index begin commit rollback savepoint release for share " +
    "lock nowait skip locked true false interval using natural straight_join ignore replace duplicate key"
  ).split(" "),
);

// One alternative per token kind, tried in this order at each position.
const TOKEN = new RegExp(
  [
    String.raw`(\s+)`, // space
    String.raw`(--[^\n]*|#[^\n]*|/\*[\s\S]*?(?:\*/|$))`, // comment
    String.raw`('(?:[^'\\]|\\.|'')*'?|"(?:[^"\\]|\\.)*"?)`, // string
    // param: normalizeSql's placeholders (lib/trace/normalizeSql.ts, each one "?" there): %s %d %b,
    // %(name)s whatever the name holds up to its ")" (within 100 characters, so "%(" repeated costs
    // little), :name but not a cast's ::type, ?, $1
    String.raw`(%\([^)]{0,100}\)[a-z]|%[sdb]|\?|(?<!:):(?!:)\w+|\$\d+)`,
    String.raw`(\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)`, // number
    String.raw`(\x60[^\x60]*\x60?|[A-Za-z_][\w$]*)`, // identifier or keyword (backquoted too)
    String.raw`([^\s\w'"\x60])`, // punctuation, one character
  ].join("|"),
  "iy",
);
const KINDS: SqlTokenKind[] = ["space", "comment", "string", "param", "number", "identifier", "punctuation"];

/** Tokens that concatenate back to exactly the input. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < sql.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(sql);
    if (!m) {
      // Only digits running into a letter or "_" ("123abc") match nothing, and so do the digits
      // after them: taken as one token, so the number's backtracking over the run is not repeated
      // from each of its digits (64K digits then a letter took seconds, in the details panel).
      let end = at + 1;
      while (end < sql.length && isDigit(sql.charCodeAt(end))) end++;
      tokens.push({ kind: "punctuation", text: sql.slice(at, end) });
      at = end;
      continue;
    }
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    let kind = KINDS[group - 1]!;
    if (kind === "identifier" && KEYWORDS.has(m[0].toLowerCase())) kind = "keyword";
    tokens.push({ kind, text: m[0] });
    at += m[0].length;
  }
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
