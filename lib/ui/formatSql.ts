// SQL as OSprofiler's sqlalchemy hook sends it (one long line, MySQL/PyMySQL placeholders
// %(name)s or %s, or ? and :name) -> indented text for the details panel: each clause on a line
// of its own with its items below it, the AND/OR of a condition and the JOINs of a FROM on lines
// of their own, a subquery indented as a statement of its own; everything inside other
// parentheses (calls, IN lists, tuples) stays on its line. One pass over the tokens the panel
// colors (tokenizeSql), so the first statement a person opens is indented at once: the formatter
// library used before took an 84-178 ms task on its first use (docs/benchmarks.md §40).
import { tokenizeSql, type SqlToken } from "./tokenizeSql";

type Word = SqlToken & { spaced: boolean; lower: string; token: SqlToken };

// Longest first where one starts another. A clause puts its items on lines below it.
const CLAUSES = [
  "on duplicate key update",
  "select distinct",
  "insert into",
  "delete from",
  "group by",
  "order by",
  "union all",
  "for update",
  "for share",
  "select",
  "from",
  "where",
  "having",
  "limit",
  "offset",
  "set",
  "values",
  "returning",
  "union",
  "update",
  "with",
].map((c) => c.split(" "));
const JOINS = [
  "left outer join",
  "right outer join",
  "full outer join",
  "left join",
  "right join",
  "inner join",
  "cross join",
  "join",
  "straight_join",
].map((c) => c.split(" "));
const CONDITIONS = new Set(["where", "having", "on"]);
const INDENT = "  ";
const SPACE: SqlToken = { kind: "space", text: " " };

/** Indented SQL; the text as it came when it is not SQL this can indent (unbalanced parentheses). */
export function formatSql(sql: string): string {
  const formatted = formatSqlTokens(sql);
  return formatted.indented ? formatted.tokens.map((t) => t.text).join("") : sql;
}

/**
 * The indented SQL as the tokens that spell it (the input's own tokens, and white space), so the
 * panel colors them without tokenizing the output again; `indented` is false when they are the
 * input's tokens as they came.
 */
export function formatSqlTokens(sql: string): { tokens: SqlToken[]; indented: boolean } {
  const input = tokenizeSql(sql);
  const words = readWords(input);
  const unchanged = { tokens: input, indented: false };
  const tokens: SqlToken[] = [];
  let lineStart = 0; // where the current line's tokens start, its line break and indent first
  let linesDone = 0;
  let lineHasText = false; // not only its indent
  let lineDepth = 0;
  let pending: number | null = null; // a line break owed before the next word, at this depth
  // One frame per open parenthesis; a subquery's frame is a statement of its own.
  type Frame = { subquery: boolean; base: number; closeAt: number; condition: boolean; between: boolean };
  const frames: Frame[] = [{ subquery: true, base: 0, closeAt: 0, condition: false, between: false }];
  const breakLine = (depth: number) => {
    // A line of only its indent is dropped with its line break.
    if (lineHasText) linesDone++;
    else tokens.length = lineStart;
    lineStart = tokens.length;
    const space = (linesDone > 0 ? "\n" : "") + INDENT.repeat(depth);
    if (space) tokens.push({ kind: "space", text: space });
    lineHasText = false;
    lineDepth = depth;
    pending = null;
  };
  const write = (parts: readonly (Word | typeof SPACE)[], spaced: boolean) => {
    if (pending !== null) breakLine(pending);
    else if (spaced && lineHasText) tokens.push(SPACE);
    for (const part of parts) tokens.push("token" in part ? part.token : part);
    lineHasText = true;
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const frame = frames[frames.length - 1]!;
    const { lower } = word;
    if (word.kind === "punctuation" && word.text === ")") {
      if (frames.length === 1) return unchanged;
      frames.pop();
      if (frame.subquery) breakLine(frame.closeAt);
      write([word], word.spaced && !frame.subquery);
      continue;
    }
    // Inside other parentheses nothing breaks a line but a line comment.
    const statement = frame.subquery;
    const keyword = statement && word.kind === "keyword";
    const clause = keyword ? matchWords(words, i, CLAUSES) : null;
    const join = keyword && !clause ? matchWords(words, i, JOINS) : null;
    if (clause) {
      if (i > 0) breakLine(frame.base);
      write(clause.parts, word.spaced);
      frame.condition = CONDITIONS.has(clause.first);
      // UPDATE's table stays on its line, as SET's assignments are the items that follow.
      if (clause.first !== "update") pending = frame.base + 1;
      i = clause.end - 1;
    } else if (join) {
      breakLine(frame.base + 1);
      write(join.parts, false);
      frame.condition = false;
      i = join.end - 1;
    } else if (statement && word.text === "," && word.kind === "punctuation") {
      write([word], false);
      pending = frame.base + 1;
    } else if (keyword && (lower === "and" || lower === "or") && frame.condition && !frame.between) {
      breakLine(frame.base + 1);
      write([word], false);
    } else {
      write([word], word.spaced);
      if (keyword && lower === "on") frame.condition = true;
      if (word.text === "(") frames.push(openParen(words, i, lineDepth));
    }
    if (keyword) frame.between = lower === "between" || (frame.between && lower !== "and");
    // The rest of a line comment's line is the comment: what follows goes on the next line.
    if (isLineComment(word)) pending ??= lineDepth;
  }
  if (frames.length !== 1) return unchanged;
  breakLine(0);
  tokens.length = lineStart;
  return linesDone > 1 ? { tokens, indented: true } : unchanged;
}

function isLineComment(word: Word): boolean {
  return word.kind === "comment" && !word.text.startsWith("/*");
}

/** The tokens without their white space, each knowing whether space came before it. */
function readWords(tokens: readonly SqlToken[]): Word[] {
  const words: Word[] = [];
  let spaced = false;
  for (const token of tokens) {
    if (token.kind === "space") spaced = true;
    else {
      words.push({ ...token, spaced, lower: token.text.toLowerCase(), token });
      spaced = false;
    }
  }
  return words;
}

/** A parenthesis just written: a subquery when a statement starts inside it. */
function openParen(words: readonly Word[], at: number, lineDepth: number) {
  const next = words[at + 1]?.lower;
  const subquery = next === "select" || next === "with";
  return { subquery, base: lineDepth + 1, closeAt: lineDepth, condition: false, between: false };
}

/** The keyword sequence of `options` (lower case words) that starts at `at`, as written. */
function matchWords(words: readonly Word[], at: number, options: readonly string[][]) {
  for (const option of options) {
    if (!option.every((w, k) => words[at + k]?.kind === "keyword" && words[at + k]!.lower === w)) continue;
    // VALUES(col) in ON DUPLICATE KEY UPDATE is a function, not a clause.
    const after = words[at + option.length];
    if (after?.text === "(" && !after.spaced && option.length === 1 && option[0] === "values") return null;
    // Its words as written, one space between them.
    const parts = words.slice(at, at + option.length).flatMap((p, k) => (k > 0 ? [SPACE, p] : [p]));
    return { first: option[0]!, end: at + option.length, parts };
  }
  return null;
}
