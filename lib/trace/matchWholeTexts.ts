// Search past the display clip (clipTraceTexts.ts): the page holds a long text's first 4,000
// characters, the server holds the whole, so the server says which of the trace's clipped texts
// match a query in their whole form, naming each by the hash its clip mark carries. The page
// then merges that with what it finds in the clipped texts itself (searchSpans.ts).
//
// Same matcher as the page (compileSpanSearch: re2js's linear-time engine, the pattern bounded),
// so a regex costs at most (length of the long texts) x (a bounded program); only texts longer
// than the clip length are read, so an everyday text costs nothing.
import { hashAggregateKey } from "./hashAggregateKey";
import { compileSpanSearch, isSearchError, type SearchError, type SpanSearch } from "./searchSpans";

/**
 * The hashes (hashAggregateKey, as in the clip mark) of the distinct texts longer than
 * `clippedAbove` that match `search` anywhere in them; an error value for an invalid regex (or,
 * when the regex engine is not loaded, a pending one: load it first, regexEngine.ts).
 */
export function matchWholeTexts(texts: Iterable<string>, clippedAbove: number, search: SpanSearch): string[] | SearchError {
  const matcher = compileSpanSearch(search);
  if (matcher === null) return [];
  if (isSearchError(matcher)) return matcher;
  const hashes = new Set<string>();
  for (const text of texts) if (text.length > clippedAbove && matcher.test(text)) hashes.add(hashAggregateKey(text));
  return [...hashes];
}
