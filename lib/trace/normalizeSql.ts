// One SQL statement -> its shape, so the same query with different values groups together:
// literals (strings, numbers, hex) and placeholders of every driver style (?, %s, %(name)s,
// :name, $1) become "?", lists of them ("IN (?, ?, ?)", "VALUES (?, ?), (?, ?)") fold to
// "(…)", comments go, whitespace collapses and words are lower-cased. Quoted identifiers keep
// their text.
//
// One left-to-right pass over character codes, writing the shape into a buffer of codes: no
// token objects, no string per token. It runs on every new statement in the collector, on every
// statement of a trace in the page, and on the whole (up to 64K) text of every long statement
// of a trace on each GET (clipTraceTexts); the token-array version cost ~7 ms for a 64K
// column list, 14 s of server CPU for a trace of 2,000 of them (docs/benchmarks.md §61). Its
// output is the definition: tests/support/referenceNormalizeSql.ts keeps that version, and the
// tests hold this one to it byte for byte. Tokens pass through three stages, each holding back
// only what the next token may undo: a "-" that a number may absorb and trailing ";"s
// (tokenizer), a "(" value ("," value)* run that a ")" folds (lists), and a "," between two
// folded lists that merges them (output).

const LIST_TEXT = "(…)";
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
/** Words before a "-" that make it a sign ("LIMIT -1"), with the SPACED_BEFORE_PAREN words. */
const NOT_OPERAND = new Set(["then", "else", "when", "return", "by", "limit", "offset", "between", "like", "is"]);
/** Longest word of both sets: a longer word (lower-casing never shortens one) is in neither. */
const LONGEST_KEYWORD = 7;

const WORD = 0,
  VALUE = 1,
  QUOTED = 2,
  PUNCT = 3,
  OP = 4,
  LIST = 5;

const HYPHEN = 45,
  SLASH = 47,
  STAR = 42,
  QUOTE = 39,
  DOUBLE_QUOTE = 34,
  BACKTICK = 96,
  BACKSLASH = 92,
  DOLLAR = 36,
  PERCENT = 37,
  COLON = 58,
  QUESTION = 63,
  DOT = 46,
  OPEN = 40,
  CLOSE = 41,
  COMMA = 44,
  SEMICOLON = 59,
  SPACE = 32;

// Character classes of ASCII by code; other characters as the regexes of the token-array
// version decide them (one code unit at a time), remembered per code.
const ASCII_WORD = 1,
  ASCII_SPACE = 2,
  ASCII_OP = 4;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_$]/.test(ch)) ASCII[c]! |= ASCII_WORD;
  if (c === SPACE || (c >= 9 && c <= 13)) ASCII[c]! |= ASCII_SPACE;
  if ("<>=!|&^~+-*/%:@#".includes(ch)) ASCII[c]! |= ASCII_OP;
}
const KNOWN = 1,
  WIDE_WORD = 2,
  WIDE_SPACE = 4;
let wide: Uint8Array | null = null;

function wideClass(code: number): number {
  wide ??= new Uint8Array(65536);
  let k = wide[code]!;
  if (k === 0) {
    const ch = String.fromCharCode(code);
    k = KNOWN | (/[\p{L}\p{N}_$]/u.test(ch) ? WIDE_WORD : 0) | (/\s/.test(ch) ? WIDE_SPACE : 0);
    wide[code] = k;
  }
  return k;
}

function isWordCode(code: number): boolean {
  if (code < 128) return code >= 0 && (ASCII[code]! & ASCII_WORD) !== 0;
  return (wideClass(code) & WIDE_WORD) !== 0;
}

function isSpaceCode(code: number): boolean {
  if (code < 128) return (ASCII[code]! & ASCII_SPACE) !== 0;
  return (wideClass(code) & WIDE_SPACE) !== 0;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHexCode(code: number): boolean {
  return isDigitCode(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

function isLetterCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** The buffer the shape is written into, kept between calls unless a huge statement grew it. */
let buffer: Uint16Array = new Uint16Array(4096);
const KEPT_BUFFER = 1 << 17;

export function normalizeSql(sql: string): string {
  const shape = new ShapeWriter(sql, buffer);
  shape.tokenize();
  const text = shape.finish();
  buffer = shape.out.length > KEPT_BUFFER ? new Uint16Array(4096) : shape.out;
  return text;
}

// The stages are methods of one object, not closures made per call: V8 inlines a closure for
// the function object it saw, and each call's new closures undid that (measured 2-3x slower).
class ShapeWriter {
  readonly sql: string;
  readonly n: number;
  out: Uint16Array;
  length = 0;
  // Output stage: the token written last. A token is (kind, a, b): a word, an operator or a
  // quoted identifier is sql[a..b); a punctuation mark is the code a.
  prevKind = -1;
  prevA = 0;
  prevB = 0;
  // A "," after a folded list waits: a list right after it joins the first ("(…), (…)" -> "(…)").
  lastOut = -1;
  commaAfterList = false;
  // List stage: "(" value ("," value)* ")" -> one list. While such a run is open it is only its
  // "(" and a count of the values and commas after it; a token that breaks it lets them through
  // as they were, and is then looked at afresh (it may open a list itself).
  listOpen = false;
  listItems = 0;
  // Tokenizer stage: a "-" waits for the next token (a number after a "-" that follows no
  // operand takes it as its sign: "= -1" and "= 1" have the same shape), ";"s wait for one that
  // is not a ";" (trailing ones go).
  lastKind = -1;
  lastA = 0;
  lastB = 0;
  minus = -1;
  minusAfterOperand = false;
  semicolons = 0;

  constructor(sql: string, out: Uint16Array) {
    this.sql = sql;
    this.n = sql.length;
    this.out = out;
  }

  at(i: number): number {
    return i >= 0 && i < this.n ? this.sql.charCodeAt(i) : -1;
  }

  startsPlaceholder(i: number, c: number, next: number): boolean {
    if (c === PERCENT) return next === OPEN || next === 115 || next === 100 || next === 98;
    return c === COLON && next !== COLON && this.at(i - 1) !== COLON && isTagCode(next);
  }

  tokenize(): void {
    const { sql, n } = this;
    let i = 0;
    while (i < n) {
      const c = sql.charCodeAt(i);
      const next = this.at(i + 1);
      if (isSpaceCode(c)) {
        i++;
      } else if (c === HYPHEN && next === HYPHEN) {
        const end = sql.indexOf("\n", i);
        i = end < 0 ? n : end;
      } else if (c === SLASH && next === STAR) {
        const end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === QUOTE) {
        i = skipQuoted(sql, i, QUOTE);
        this.token(VALUE, 0, 0);
      } else if (c === DOUBLE_QUOTE || c === BACKTICK) {
        const end = skipQuoted(sql, i, c);
        this.token(QUOTED, i, end);
        i = end;
      } else if (next === QUOTE && isPrefixedLiteral(c) && !isWordCode(this.at(i - 1))) {
        i = skipQuoted(sql, i + 1, QUOTE); // E'...', N'...', X'...', B'...'
        this.token(VALUE, 0, 0);
      } else if (c === DOLLAR && isDigitCode(next)) {
        i += 2;
        while (i < n && isDigitCode(sql.charCodeAt(i))) i++;
        this.token(VALUE, 0, 0);
      } else if (c === DOLLAR && (isLetterCode(next) || next === 95 || next === DOLLAR) && dollarTagEnd(sql, i) > 0) {
        const tagEnd = dollarTagEnd(sql, i);
        const tag = sql.slice(i, tagEnd);
        const end = sql.indexOf(tag, tagEnd);
        i = end < 0 ? n : end + tag.length; // $$...$$ / $tag$...$tag$ bodies are literals
        this.token(VALUE, 0, 0);
      } else if (c === PERCENT && (next === 115 || next === 100 || next === 98)) {
        i += 2; // %s, %d, %b
        this.token(VALUE, 0, 0);
      } else if (c === PERCENT && next === OPEN) {
        const close = sql.indexOf(")", i);
        i = close < 0 ? n : close + 2; // %(name)s
        this.token(VALUE, 0, 0);
      } else if (c === COLON && next !== COLON && this.at(i - 1) !== COLON && isTagCode(next)) {
        i++;
        while (i < n && isWordCode(sql.charCodeAt(i))) i++;
        this.token(VALUE, 0, 0);
      } else if (c === QUESTION) {
        i++;
        this.token(VALUE, 0, 0);
      } else if (isDigitCode(c) || (c === DOT && isDigitCode(next))) {
        i = skipNumber(sql, i);
        if (this.minus >= 0 && !this.minusAfterOperand) this.minus = -1;
        this.token(VALUE, 0, 0);
      } else if (isWordCode(c)) {
        const start = i;
        while (i < n && isWordCode(sql.charCodeAt(i))) i++;
        this.token(WORD, start, i);
      } else if (c < 128 && (ASCII[c]! & ASCII_OP) !== 0) {
        const start = i;
        while (i < n) {
          const d = sql.charCodeAt(i);
          if (d >= 128 || (ASCII[d]! & ASCII_OP) === 0) break;
          const e = this.at(i + 1);
          if ((d === HYPHEN && e === HYPHEN) || (d === SLASH && e === STAR)) break;
          if (i > start && d === HYPHEN && (isDigitCode(e) || e === DOT)) break;
          // "a=%(a)s", "a=%s", "a=:a" (SQLAlchemy writes SET and VALUES without spaces): the
          // placeholder is a token of its own, not the tail of the "=" operator.
          if (i > start && this.startsPlaceholder(i, d, e)) break;
          i++;
        }
        this.token(OP, start, i);
      } else {
        i++;
        this.token(PUNCT, c, 0);
      }
    }
  }

  finish(): string {
    this.releaseMinus();
    if (this.listOpen) this.flushList();
    if (this.commaAfterList) this.write(PUNCT, COMMA, 0);
    return readCodes(this.out, this.length);
  }

  token(kind: number, a: number, b: number): void {
    if (kind === PUNCT && a === SEMICOLON) {
      this.releaseMinus();
      this.semicolons++;
    } else {
      for (; this.semicolons > 0; this.semicolons--) this.fold(PUNCT, SEMICOLON, 0);
      this.releaseMinus();
      if (kind === OP && b - a === 1 && this.sql.charCodeAt(a) === HYPHEN) {
        this.minusAfterOperand = this.lastIsOperand();
        this.minus = a;
      } else {
        this.fold(kind, a, b);
      }
    }
    this.lastKind = kind;
    this.lastA = a;
    this.lastB = b;
  }

  lastIsOperand(): boolean {
    const { lastKind, lastA, lastB } = this;
    if (lastKind === VALUE || lastKind === QUOTED) return true;
    if (lastKind === PUNCT) return lastA === CLOSE;
    if (lastKind === WORD) return !this.isKeyword(lastA, lastB, SPACED_BEFORE_PAREN) && !this.isKeyword(lastA, lastB, NOT_OPERAND);
    return false;
  }

  releaseMinus(): void {
    if (this.minus >= 0) this.fold(OP, this.minus, this.minus + 1);
    this.minus = -1;
  }

  fold(kind: number, a: number, b: number): void {
    if (this.listOpen) {
      const expectValue = this.listItems % 2 === 0;
      if (expectValue ? kind === VALUE : kind === PUNCT && a === COMMA) {
        this.listItems++;
        return;
      }
      if (!expectValue && kind === PUNCT && a === CLOSE) {
        this.listOpen = false;
        this.emit(LIST, 0, 0);
        return;
      }
      this.flushList();
    }
    if (kind === PUNCT && a === OPEN) {
      this.listOpen = true;
      this.listItems = 0;
      return;
    }
    this.emit(kind, a, b);
  }

  flushList(): void {
    this.listOpen = false;
    this.emit(PUNCT, OPEN, 0);
    for (let k = 0; k < this.listItems; k++) this.emit(k % 2 === 0 ? VALUE : PUNCT, k % 2 === 0 ? 0 : COMMA, 0);
  }

  emit(kind: number, a: number, b: number): void {
    if (this.commaAfterList) {
      this.commaAfterList = false;
      if (kind === LIST) return;
      this.write(PUNCT, COMMA, 0);
      this.lastOut = PUNCT;
    }
    if (kind === PUNCT && a === COMMA && this.lastOut === LIST) {
      this.commaAfterList = true;
      return;
    }
    this.write(kind, a, b);
    this.lastOut = kind;
  }

  write(kind: number, a: number, b: number): void {
    const space = this.spaceBefore(kind, a, b);
    this.prevKind = kind;
    this.prevA = a;
    this.prevB = b;
    const sql = this.sql;
    if (kind === WORD) {
      let ascii = true;
      for (let i = a; i < b && ascii; i++) ascii = sql.charCodeAt(i) < 128;
      const text = ascii ? null : sql.slice(a, b).toLowerCase();
      const chars = text === null ? b - a : text.length;
      const out = this.reserve(chars + 1);
      let length = this.length;
      if (space) out[length++] = SPACE;
      if (text === null) {
        for (let i = a; i < b; i++) {
          const c = sql.charCodeAt(i);
          out[length++] = c >= 65 && c <= 90 ? c + 32 : c;
        }
      } else {
        for (let i = 0; i < chars; i++) out[length++] = text.charCodeAt(i);
      }
      this.length = length;
      return;
    }
    const out = this.reserve(kind === OP || kind === QUOTED ? b - a + 1 : 4);
    let length = this.length;
    if (space) out[length++] = SPACE;
    if (kind === VALUE) out[length++] = QUESTION;
    else if (kind === PUNCT) out[length++] = a;
    else if (kind === LIST) for (let i = 0; i < LIST_TEXT.length; i++) out[length++] = LIST_TEXT.charCodeAt(i);
    else for (let i = a; i < b; i++) out[length++] = sql.charCodeAt(i);
    this.length = length;
  }

  spaceBefore(kind: number, a: number, b: number): boolean {
    const { prevKind, prevA } = this;
    if (prevKind < 0) return false;
    if (kind === PUNCT && (a === CLOSE || a === COMMA || a === DOT || a === SEMICOLON)) return false;
    if (prevKind === PUNCT && (prevA === OPEN || prevA === DOT)) return false;
    if (this.isCast(kind, a, b) || this.isCast(prevKind, prevA, this.prevB)) return false;
    if (((kind === PUNCT && a === OPEN) || kind === LIST) && prevKind === WORD)
      return this.isKeyword(prevA, this.prevB, SPACED_BEFORE_PAREN);
    return true;
  }

  isCast(kind: number, a: number, b: number): boolean {
    return kind === OP && b - a === 2 && this.sql.charCodeAt(a) === COLON && this.sql.charCodeAt(a + 1) === COLON;
  }

  isKeyword(start: number, end: number, set: ReadonlySet<string>): boolean {
    return end - start <= LONGEST_KEYWORD && set.has(this.sql.slice(start, end).toLowerCase());
  }

  /** The buffer, grown to take `more` codes. */
  reserve(more: number): Uint16Array {
    if (this.length + more > this.out.length) {
      const grown = new Uint16Array(Math.max(this.out.length * 2, this.length + more + 1024));
      grown.set(this.out.subarray(0, this.length));
      this.out = grown;
    }
    return this.out;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let decoder: TextDecoder | null = null;

/**
 * The string of codes[0 .. length). A long one is decoded at once: String.fromCharCode's argument
 * lists were most of the garbage a 64K shape left (and the collector's time). The decoder would
 * not keep a lone surrogate, so a text holding any surrogate goes the slow way.
 */
function readCodes(codes: Uint16Array, length: number): string {
  if (length > 1024 && LITTLE_ENDIAN && typeof TextDecoder === "function" && !hasSurrogate(codes, length)) {
    decoder ??= new TextDecoder("utf-16le", { ignoreBOM: true });
    return decoder.decode(codes.subarray(0, length));
  }
  let text = "";
  for (let from = 0; from < length; from += 1024)
    text += String.fromCharCode.apply(null, codes.subarray(from, Math.min(length, from + 1024)) as unknown as number[]);
  return text;
}

function hasSurrogate(codes: Uint16Array, length: number): boolean {
  for (let i = 0; i < length; i++) if ((codes[i]! & 0xf800) === 0xd800) return true;
  return false;
}

/** E, N, X or B, which before a quote make a literal: E'...', N'...', X'...', B'...'. */
function isPrefixedLiteral(c: number): boolean {
  const lower = c | 32;
  return c < 128 && (lower === 101 || lower === 110 || lower === 120 || lower === 98);
}

/** End of a "$tag$" (a word of at most 62 characters between dollars) opening at `start`, or -1. */
function dollarTagEnd(sql: string, start: number): number {
  const limit = Math.min(sql.length, start + 64);
  let j = start + 1;
  while (j < limit && isTagCode(sql.charCodeAt(j))) j++;
  return j < limit && sql.charCodeAt(j) === DOLLAR ? j + 1 : -1;
}

function isTagCode(c: number): boolean {
  return isLetterCode(c) || isDigitCode(c) || c === 95;
}

/** End of a quoted run starting at `start` (the opening quote); doubled quotes and backslashes escape. */
function skipQuoted(sql: string, start: number, quote: number): number {
  const n = sql.length;
  let i = start + 1;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === BACKSLASH && quote === QUOTE) i += 2;
    else if (c === quote && i + 1 < n && sql.charCodeAt(i + 1) === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return n;
}

/**
 * End of a number starting at `start` (a digit, or a "." before one): what
 * /^(?:0[xX][0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)/ matches within the next 400
 * characters, then any word characters glued to it ("1st", "2abc": kept one token).
 */
function skipNumber(sql: string, start: number): number {
  const n = sql.length;
  const limit = Math.min(n, start + 400);
  const at = (i: number) => (i < limit ? sql.charCodeAt(i) : -1);
  const digitsFrom = (i: number) => {
    while (isDigitCode(at(i))) i++;
    return i;
  };
  let i: number;
  if (at(start) === 48 && (at(start + 1) | 32) === 120 && isHexCode(at(start + 2))) {
    i = start + 3;
    while (isHexCode(at(i))) i++;
  } else {
    // \d*\.?\d+: the digits, and a fraction when a digit follows the point; else the digits alone.
    i = digitsFrom(start);
    if (at(i) === DOT && isDigitCode(at(i + 1))) i = digitsFrom(i + 1);
    const e = at(i);
    if (e === 101 || e === 69) {
      const sign = at(i + 1) === 43 || at(i + 1) === 45 ? 1 : 0;
      if (isDigitCode(at(i + 1 + sign))) i = digitsFrom(i + 1 + sign);
    }
  }
  while (i < n && isWordCode(sql.charCodeAt(i))) i++;
  return i;
}
