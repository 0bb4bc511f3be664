// Search over what a person reads on a row: type (name), service, project, host, and the
// detail (SQL statement, "METHOD path", function name), plus the exception. Texts are interned,
// so each distinct text is tested once per query and a keystroke costs one pass over indices.
//
// A regex comes from whoever wrote the link (?q=...&re=1), and the texts from the wire, so it
// must not run in a backtracking engine: "(a+)+$" against 32 "a" and a "!" froze the tab for
// more than 10 s. Regexes run in RE2's linear-time engine (re2js: JavaScript's syntax minus
// lookaround and backreferences, which only backtracking can run), and the pattern's size is
// bounded, so a search costs at most (length of the texts) x (a bounded program), never more.
// The engine is loaded on first use (regexEngine.ts).
//
// A text longer than the display clip (clipTraceTexts.ts) is here as its first 4,000 characters
// and a mark: its kept start is tested (never the mark's own words), and the server, which holds
// the whole text, says which clipped texts match in full (matchWholeTexts.ts, `clippedMatches`).
import { describeRegexSyntaxError } from "../notification/describeRegexSyntaxError";
import type { RE2JS } from "re2js";
import { splitClippedText } from "./clipMark";
import { getRegexEngine, type RegexEngine } from "./regexEngine";
import type { Trace } from "./types";

export type SpanSearch = {
  text: string;
  /** Treat text as a regular expression (JavaScript's syntax without lookaround and backreferences). */
  regex?: boolean;
  caseSensitive?: boolean;
  /**
   * The hashes (as their clip marks name them) of the trace's clipped texts whose whole text
   * matches this query, as the server answered; absent until it has (or where there is no server):
   * clipped texts are then matched by their kept start only.
   */
  clippedMatches?: ReadonlySet<string>;
};

/** Longer patterns are refused: no one types them, and compiling is linear in their size. */
export const MAX_REGEX_CHARS = 500;
/**
 * RE2 instructions in a compiled pattern: matching costs up to this per character. 300 allows
 * e.g. "\d{100}" or a dozen alternatives of long words; measured worst case (a pattern of 300
 * on 20,000 texts of ~150 characters) ~70 ms.
 */
const MAX_REGEX_PROGRAM = 300;

export type SpanMatcher = {
  test(text: string): boolean;
  /** Span ids are hex: a short query like "db" would hit most of them, so ids match on 8+ leading characters. */
  testId(spanId: string): boolean;
  /** False when testId never holds (a regex, a short query): ids are then not read at all. */
  testsIds?: boolean;
  /** A plain (not regex) query: what a longer one must contain to match only spans this one matches. */
  plain?: { needle: string; idNeedle: string; caseSensitive: boolean };
};

/** `pending`: a regex search waiting for its engine (regexEngine.ts), not a refused one. */
export type SearchError = { error: string; pending?: true };

const ENGINE_PENDING: SearchError = { error: "loading the regular expression engine…", pending: true };

/** Null for an empty query (nothing to search), an error value for an invalid regex; never throws. */
export function compileSpanSearch(search: SpanSearch): SpanMatcher | SearchError | null {
  const { text, regex = false, caseSensitive = false } = search;
  if (text === "") return null;
  if (regex) {
    const pattern = compileSearchRegex(text, caseSensitive);
    if ("error" in pattern) return pattern;
    return { test: (s) => pattern.test(s), testId: () => false, testsIds: false };
  }
  const needle = caseSensitive ? text : text.toLowerCase();
  const idNeedle = text.trim().toLowerCase();
  return {
    test: caseSensitive ? (s) => s.includes(needle) : (s) => s.toLowerCase().includes(needle),
    testId: (id) => idNeedle.length >= 8 && id.startsWith(idNeedle),
    testsIds: idNeedle.length >= 8,
    plain: { needle, idNeedle, caseSensitive },
  };
}

/**
 * A regex search compiled for linear-time matching, or why it cannot be: invalid (in JavaScript's
 * own words), unsupported (lookaround, backreferences) or too big. The last few are kept, so the
 * highlighting of every row (lib/ui/splitMatches.ts) compiles a pattern once.
 */
export function compileSearchRegex(text: string, caseSensitive: boolean): RE2JS | SearchError {
  const engine = getRegexEngine();
  if (!engine) return ENGINE_PENDING;
  const key = `${caseSensitive ? "s" : "i"}${text}`;
  let compiled = regexCache.get(key);
  if (!compiled) {
    compiled = compileUncached(engine, text, caseSensitive);
    if (regexCache.size >= REGEX_CACHE_SIZE) regexCache.delete(regexCache.keys().next().value!);
    regexCache.set(key, compiled);
  }
  return compiled;
}

const REGEX_CACHE_SIZE = 16;
const regexCache = new Map<string, RE2JS | SearchError>();

function compileUncached(RE2: RegexEngine, text: string, caseSensitive: boolean): RE2JS | SearchError {
  if (text.length > MAX_REGEX_CHARS) {
    return { error: `regular expression not supported: longer than ${MAX_REGEX_CHARS} characters` };
  }
  try {
    // Compiling (not running) a JavaScript regex is cheap and safe; it names syntax errors as people know them.
    new RegExp(text, caseSensitive ? "" : "i");
  } catch (error) {
    return { error: describeRegexSyntaxError(error) };
  }
  const ambiguous = findAmbiguousEscape(text);
  if (ambiguous) return { error: `regular expression not supported: ${ambiguous}` };
  let pattern: RE2JS;
  try {
    pattern = RE2.compile(RE2.translateRegExp(text), caseSensitive ? 0 : RE2.CASE_INSENSITIVE);
  } catch (error) {
    return { error: `regular expression not supported: ${describeUnsupported(text, (error as Error).message)}` };
  }
  if (pattern.programSize() > MAX_REGEX_PROGRAM) {
    return {
      error: `regular expression not supported: too complex (${pattern.programSize()} steps, at most ${MAX_REGEX_PROGRAM}; use smaller repeat counts)`,
    };
  }
  return pattern;
}

/**
 * Escapes that JavaScript reads as a letter (or a named backreference) and RE2 as something else
 * (\A start of text, \z end, \Q...\E quoting, \a bell): refused rather than silently matched otherwise.
 */
function findAmbiguousEscape(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") continue;
    const c = text[i + 1] ?? "";
    if (c === "k") return "backreferences cannot run in linear time";
    if ("AzQEa".includes(c) && c !== "") return `\\${c} is read differently by JavaScript and by the search's engine; write it another way`;
    i++;
  }
  return null;
}

/** What JavaScript accepts and RE2 refuses, said in terms of what the person typed. */
function describeUnsupported(text: string, re2Message: string): string {
  if (/\(\?<?[=!]/.test(text)) return "lookahead and lookbehind cannot run in linear time";
  if (/\\[1-9]|\\k</.test(text)) return "backreferences cannot run in linear time";
  return re2Message.replace(/^error parsing regexp: /, "");
}

export function isSearchError(value: SpanMatcher | SearchError | null): value is SearchError {
  return value !== null && "error" in value;
}

export type SpanMatches = {
  /** By span position: 1 when the span matches. */
  matches: Uint8Array;
  count: number;
  /** The matching positions, increasing. */
  positions: Int32Array;
};

/**
 * 1 for each span (by position) that matches, and how many did. `within`: positions that hold
 * every match (those of a query this one narrows), tested instead of every span.
 */
export function matchSpans(trace: Trace, matcher: SpanMatcher, within?: Int32Array, clippedMatches?: ReadonlySet<string>): SpanMatches {
  // Every text tested up front (the columns only hold texts of the table), then passes of array
  // reads: no closure per column and span, which is what a cold first keystroke paid for.
  // Shifted by one, so that -1 (no detail, no error) reads slot 0, which stays 0.
  const { strings, name, service, detail, project, host, errorType, errorMessage, spanId } = trace;
  const columns = [name, service, detail, project, host, errorType, errorMessage];
  const hit = new Uint8Array(strings.length + 1);
  let anyHit = 0;
  for (let k = 0; k < strings.length; k++) if (matcher.test(strings[k]!)) anyHit = hit[k + 1] = 1;
  const clipped = readClippedStrings(trace);
  for (let c = 0; c < clipped.index.length; c++) {
    const m = matcher.test(clipped.kept[c]!) || clippedMatches?.has(clipped.hash[c]!) ? 1 : 0;
    hit[clipped.index[c]! + 1] = m;
    anyHit |= m;
  }
  const testsIds = matcher.testsIds ?? true;
  const n = trace.size;
  const matches = new Uint8Array(n);
  if (within) {
    for (let j = 0; j < within.length; j++) {
      const i = within[j]!;
      let m = 0;
      for (let c = 0; c < columns.length && !m; c++) m = hit[columns[c]![i]! + 1]!;
      if (m || (testsIds && matcher.testId(spanId[i]!))) matches[i] = 1;
    }
  } else {
    // A column at a time, without branches: a million spans in a few milliseconds a column.
    if (anyHit) for (const column of columns) for (let i = 0; i < n; i++) matches[i] = matches[i]! | hit[column[i]! + 1]!;
    if (testsIds) for (let i = 0; i < n; i++) if (!matches[i] && matcher.testId(spanId[i]!)) matches[i] = 1;
  }
  return collectMatches(matches, within);
}

type ClippedStrings = { index: Int32Array; kept: string[]; hash: string[] };

const NO_CLIPPED: ClippedStrings = { index: new Int32Array(0), kept: [], hash: [] };
const clippedStrings = new WeakMap<Trace, ClippedStrings>();

/** The trace's clipped strings: their index in the table, kept start and whole text's hash. */
function readClippedStrings(trace: Trace): ClippedStrings {
  if (!trace.clippedTexts?.size) return NO_CLIPPED;
  let found = clippedStrings.get(trace);
  if (!found) {
    const index: number[] = [],
      kept: string[] = [],
      hash: string[] = [];
    trace.strings.forEach((s, k) => {
      const parts = trace.clippedTexts!.has(s) ? splitClippedText(s) : null;
      if (!parts) return;
      index.push(k);
      kept.push(parts.kept);
      hash.push(parts.hash);
    });
    found = { index: Int32Array.from(index), kept, hash };
    clippedStrings.set(trace, found);
  }
  return found;
}

/**
 * What the page's search of a trace is waiting for from the server: null when nothing (no text
 * of the trace is clipped), else the length its texts were clipped at (the shortest kept start),
 * which the server reads texts longer than.
 */
export function readClippedLength(trace: Trace): number | null {
  const { kept } = readClippedStrings(trace);
  if (kept.length === 0) return null;
  let shortest = Infinity;
  for (const k of kept) shortest = Math.min(shortest, k.length);
  return shortest;
}

function collectMatches(matches: Uint8Array, within: Int32Array | undefined): SpanMatches {
  let count = 0;
  if (within) for (let j = 0; j < within.length; j++) count += matches[within[j]!]!;
  else for (let i = 0; i < matches.length; i++) count += matches[i]!;
  const positions = new Int32Array(count);
  let k = 0;
  if (within) {
    for (let j = 0; j < within.length && k < count; j++) if (matches[within[j]!]) positions[k++] = within[j]!;
  } else {
    for (let i = 0; i < matches.length && k < count; i++) if (matches[i]) positions[k++] = i;
  }
  return { matches, count, positions };
}

/**
 * Whether every span `next` matches is one `previous` matched: the same plain query made longer
 * (a keystroke), so its matches are found among the previous ones. An id matches on its first
 * 8+ characters only, so a query that reaches 8 characters may match ids the shorter one did not.
 */
export function narrowsSearch(next: SpanMatcher, previous: SpanMatcher): boolean {
  const a = next.plain,
    b = previous.plain;
  if (!a || !b || a.caseSensitive !== b.caseSensitive || !a.needle.includes(b.needle)) return false;
  return a.idNeedle.length < 8 || (b.idNeedle.length >= 8 && a.idNeedle.startsWith(b.idNeedle));
}

// The last query's matches per trace: the next keystroke usually narrows it (narrowsSearch), and
// re-rendering with the same query (the regex engine arriving, a filter toggled) repeats it.
// `whole`: it had the server's answer for the clipped texts (or there are none), so its matches
// hold every span a narrower query can match, whole texts included; without it they hold those
// a narrower query matches without an answer of its own (the clipped texts' kept start).
const lastSearches = new WeakMap<
  Trace,
  { key: string; clippedMatches: ReadonlySet<string> | undefined; whole: boolean; matcher: SpanMatcher; result: SpanMatches }
>();

/** matchSpans, reusing the last query's matches on the same trace when `search` repeats or narrows it. */
export function matchSearch(trace: Trace, search: SpanSearch, matcher: SpanMatcher): SpanMatches {
  const key = `${search.regex ? "r" : "p"}${search.caseSensitive ? "s" : "i"}${search.text}`;
  const { clippedMatches } = search;
  const last = lastSearches.get(trace);
  if (last?.key === key && last.clippedMatches === clippedMatches) return last.result;
  // Row by row over a dense set costs more than the column passes over every span.
  const within =
    last && (last.whole || !clippedMatches) && narrowsSearch(matcher, last.matcher) && last.result.count * 4 < trace.size
      ? last.result.positions
      : undefined;
  const result = matchSpans(trace, matcher, within, clippedMatches);
  const whole = clippedMatches !== undefined || readClippedLength(trace) === null;
  lastSearches.set(trace, { key, clippedMatches, whole, matcher, result });
  return result;
}
