// Search over what a person reads on a row: type (name), service, project, host, and the
// detail (SQL statement, "METHOD path", function name), plus the exception. Texts are interned,
// so each distinct text is tested once per query and a keystroke costs one pass over indices.
import type { Trace } from "./types";

export type SpanSearch = {
  text: string;
  /** Treat text as a JavaScript regular expression. */
  regex?: boolean;
  caseSensitive?: boolean;
};

export type SpanMatcher = {
  test(text: string): boolean;
  /** Span ids are hex: a short query like "db" would hit most of them, so ids match on 8+ leading characters. */
  testId(spanId: string): boolean;
};

export type SearchError = { error: string };

/** Null for an empty query (nothing to search), an error value for an invalid regex; never throws. */
export function compileSpanSearch(search: SpanSearch): SpanMatcher | SearchError | null {
  const { text, regex = false, caseSensitive = false } = search;
  if (text === "") return null;
  if (regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(text, caseSensitive ? "" : "i");
    } catch (error) {
      return { error: `invalid regular expression: ${(error as Error).message}` };
    }
    return { test: (s) => pattern.test(s), testId: () => false };
  }
  const needle = caseSensitive ? text : text.toLowerCase();
  const idNeedle = text.trim().toLowerCase();
  return {
    test: caseSensitive ? (s) => s.includes(needle) : (s) => s.toLowerCase().includes(needle),
    testId: (id) => idNeedle.length >= 8 && id.startsWith(idNeedle),
  };
}

export function isSearchError(value: SpanMatcher | SearchError | null): value is SearchError {
  return value !== null && "error" in value;
}

/** 1 for each span (by position) that matches, and how many did. */
export function matchSpans(trace: Trace, matcher: SpanMatcher): { matches: Uint8Array; count: number } {
  const known = new Int8Array(trace.strings.length).fill(-1);
  const hit = (i: number): boolean => {
    if (i < 0) return false;
    let k = known[i]!;
    if (k < 0) k = known[i] = matcher.test(trace.strings[i]!) ? 1 : 0;
    return k === 1;
  };
  const matches = new Uint8Array(trace.size);
  let count = 0;
  for (let i = 0; i < trace.size; i++) {
    if (
      hit(trace.name[i]!) || hit(trace.service[i]!) || hit(trace.detail[i]!) || hit(trace.project[i]!) ||
      hit(trace.host[i]!) || hit(trace.errorType[i]!) || hit(trace.errorMessage[i]!) || matcher.testId(trace.spanId[i]!)
    ) {
      matches[i] = 1;
      count++;
    }
  }
  return { matches, count };
}
