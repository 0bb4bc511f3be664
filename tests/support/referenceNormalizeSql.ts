// The normalizeSql of lib/trace/normalizeSql.ts before it became one pass over character codes
// (docs/benchmarks.md §61), frozen: normalizeSql.test.ts checks that the new one answers byte for byte
// the same. It is the definition the fast one is held to: change it only with the rule itself (as
// for a placeholder right after an operator, "a=%(a)s", found by qa19), in the same commit.

const LIST = "(…)";
/** Words after which "(" keeps its space: "in (…)" reads better than "in(…)". */
const SPACED_BEFORE_PAREN = new Set([
  "in",
  "values",
  "exists",
  "any",
  "all",
  "on",
  "using",
  "as",
  "and",
  "or",
  "not",
  "from",
  "join",
  "where",
  "select",
  "set",
  "into",
  "table",
]);
const OPERATOR_CHARS = "<>=!|&^~+-*/%:@#";

type Kind = "word" | "value" | "quoted" | "punct" | "op";
type Token = { kind: Kind; text: string };

export function referenceNormalizeSql(sql: string): string {
  return render(foldLists(tokenize(sql)));
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const previous = (): Token | undefined => tokens[tokens.length - 1];
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1] ?? "";
    if (isSpace(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      while (i < n && sql[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'") {
      i = skipQuoted(sql, i, "'");
      tokens.push({ kind: "value", text: "?" });
    } else if (c === '"' || c === "`") {
      const end = skipQuoted(sql, i, c);
      tokens.push({ kind: "quoted", text: sql.slice(i, end) });
      i = end;
    } else if (next === "'" && /[eEnNxXbB]/.test(c) && !isWordChar(sql[i - 1] ?? "")) {
      i = skipQuoted(sql, i + 1, "'"); // E'...', N'...', X'...', B'...'
      tokens.push({ kind: "value", text: "?" });
    } else if (c === "$" && isDigit(next)) {
      i += 2;
      while (i < n && isDigit(sql[i]!)) i++;
      tokens.push({ kind: "value", text: "?" });
    } else if (c === "$" && /[A-Za-z_$]/.test(next) && /^\$\w*\$/.test(sql.slice(i, i + 64))) {
      const tag = /^\$\w*\$/.exec(sql.slice(i, i + 64))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length; // $$...$$ / $tag$...$tag$ bodies are literals
      tokens.push({ kind: "value", text: "?" });
    } else if (c === "%" && (next === "s" || next === "d" || next === "b")) {
      i += 2;
      tokens.push({ kind: "value", text: "?" });
    } else if (c === "%" && next === "(") {
      const close = sql.indexOf(")", i);
      i = close < 0 ? n : close + 2; // %(name)s
      tokens.push({ kind: "value", text: "?" });
    } else if (c === ":" && next !== ":" && sql[i - 1] !== ":" && /[A-Za-z_0-9]/.test(next)) {
      i++;
      while (i < n && isWordChar(sql[i]!)) i++;
      tokens.push({ kind: "value", text: "?" });
    } else if (c === "?") {
      i++;
      tokens.push({ kind: "value", text: "?" });
    } else if (isDigit(c) || (c === "." && isDigit(next))) {
      i = skipNumber(sql, i);
      const prev = previous();
      // A unary minus belongs to the number: "= -1" and "= 1" have the same shape.
      if (prev?.kind === "op" && prev.text === "-" && !isOperand(tokens[tokens.length - 2])) tokens.pop();
      tokens.push({ kind: "value", text: "?" });
    } else if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(sql[i]!)) i++;
      tokens.push({ kind: "word", text: sql.slice(start, i).toLowerCase() });
    } else if (OPERATOR_CHARS.includes(c)) {
      const start = i;
      while (
        i < n &&
        OPERATOR_CHARS.includes(sql[i]!) &&
        !(sql[i] === "-" && sql[i + 1] === "-") &&
        !(sql[i] === "/" && sql[i + 1] === "*")
      ) {
        if (i > start && sql[i] === "-" && /[\d.]/.test(sql[i + 1] ?? "")) break;
        if (i > start && startsPlaceholder(sql, i)) break;
        i++;
      }
      tokens.push({ kind: "op", text: sql.slice(start, i) });
    } else {
      i++;
      tokens.push({ kind: "punct", text: c });
    }
  }
  while (tokens.length > 0 && tokens[tokens.length - 1]!.text === ";") tokens.pop();
  return tokens;
}

function startsPlaceholder(sql: string, i: number): boolean {
  const c = sql[i]!;
  const next = sql[i + 1] ?? "";
  if (c === "%") return next === "(" || next === "s" || next === "d" || next === "b";
  return c === ":" && next !== ":" && sql[i - 1] !== ":" && /[A-Za-z_0-9]/.test(next);
}

// ASCII is decided by its code: a regex per character made this scan the trace page's costliest
// step on the server (most of explaining a trace, with the garbage it left).
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
  return /[\p{L}\p{N}_$]/u.test(c);
}

function isDigit(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}

function isOperand(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (token.kind === "value" ||
      token.kind === "quoted" ||
      token.text === ")" ||
      (token.kind === "word" &&
        !SPACED_BEFORE_PAREN.has(token.text) &&
        !["then", "else", "when", "return", "by", "limit", "offset", "between", "like", "is"].includes(token.text)))
  );
}

/** End of a quoted run starting at `start` (the opening quote); doubled quotes and backslashes escape. */
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "\\" && quote === "'") i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function skipNumber(sql: string, start: number): number {
  const m = /^(?:0[xX][0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)/.exec(sql.slice(start, start + 400));
  let i = start + (m ? m[0].length : 1);
  while (i < sql.length && isWordChar(sql[i]!)) i++; // "1st", "2abc": not our business, keep them one token
  return i;
}

/** "(" value ("," value)* ")" -> "(…)", and a comma-separated run of those -> one "(…)". */
function foldLists(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length;) {
    const end = valueListEnd(tokens, i);
    if (end < 0) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    i = end;
    const last = out[out.length - 1];
    if (last?.text === "," && out[out.length - 2]?.text === LIST) out.pop();
    else out.push({ kind: "value", text: LIST });
  }
  return out;
}

function valueListEnd(tokens: Token[], start: number): number {
  if (tokens[start]?.text !== "(") return -1;
  let i = start + 1;
  for (;;) {
    const t = tokens[i];
    if (t === undefined || !(t.kind === "value")) return -1;
    const after = tokens[i + 1];
    if (after?.text === ")") return i + 2;
    if (after?.text !== ",") return -1;
    i += 2;
  }
}

function render(tokens: Token[]): string {
  let out = "";
  let prev: Token | undefined;
  for (const t of tokens) {
    if (prev !== undefined && spaceBetween(prev, t)) out += " ";
    out += t.text;
    prev = t;
  }
  return out;
}

function spaceBetween(prev: Token, t: Token): boolean {
  if (t.text === ")" || t.text === "," || t.text === "." || t.text === ";" || prev.text === "(" || prev.text === ".") return false;
  if (t.text === "::" || prev.text === "::") return false;
  if ((t.text === "(" || t.text === LIST) && prev.kind === "word") return SPACED_BEFORE_PAREN.has(prev.text);
  return true;
}
