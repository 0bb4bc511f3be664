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
  // Every text tested up front (the columns only hold texts of the table), then one pass of
  // array reads: no closure per column and span, which is what a cold first keystroke paid for.
  // Shifted by one, so that -1 (no detail, no error) reads slot 0, which stays 0.
  const { strings, name, service, detail, project, host, errorType, errorMessage, spanId } = trace;
  const hit = new Uint8Array(strings.length + 1);
  for (let k = 0; k < strings.length; k++) if (matcher.test(strings[k]!)) hit[k + 1] = 1;
  const matches = new Uint8Array(trace.size);
  let count = 0;
  for (let i = 0; i < trace.size; i++) {
    if (
      hit[name[i]! + 1] || hit[service[i]! + 1] || hit[detail[i]! + 1] || hit[project[i]! + 1] ||
      hit[host[i]! + 1] || hit[errorType[i]! + 1] || hit[errorMessage[i]! + 1] || matcher.testId(spanId[i]!)
    ) {
      matches[i] = 1;
      count++;
    }
  }
  return { matches, count };
}
