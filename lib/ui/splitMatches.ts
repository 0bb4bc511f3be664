// Search hits inside a text, for highlighting what matched on a row or in a panel. The same
// rules as lib/trace's span search (substring, case-insensitive unless asked; or a regex run in
// linear time, see lib/trace/searchSpans.ts). Only the first MAX_HIGHLIGHT_CHARS of a text are
// looked at: what a row or panel shows first, and a bound on what one render may cost.
import { compileSearchRegex, type SpanSearch } from "../trace/searchSpans";

/** Hits past this offset are not marked (a payload string may hold 64K characters). */
export const MAX_HIGHLIGHT_CHARS = 20_000;

export type TextPart = { text: string; match: boolean };

/** The text cut into matching and non-matching parts; one non-matching part when nothing matches. */
export function splitMatches(text: string, search: SpanSearch | null, maxParts = 64): TextPart[] {
  const ranges = search && search.text !== "" ? findMatchRanges(text, search, maxParts) : [];
  if (ranges.length === 0) return [{ text, match: false }];
  const parts: TextPart[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push({ text: text.slice(at, s), match: false });
    parts.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/**
 * [start, end) offsets of the first hits (at most half of maxParts) of a non-empty search in the
 * text's first `maxChars` characters. A regex the search refuses (invalid, unsupported) marks nothing.
 */
export function findMatchRanges(text: string, search: SpanSearch, maxParts: number, maxChars = MAX_HIGHLIGHT_CHARS): [number, number][] {
  const ranges: [number, number][] = [];
  const limit = Math.max(1, Math.floor(maxParts / 2));
  const scope = text.length > maxChars ? text.slice(0, maxChars) : text;
  if (search.regex) {
    const pattern = compileSearchRegex(search.text, search.caseSensitive ?? false);
    if ("error" in pattern) return ranges;
    const matcher = pattern.matcher(scope);
    while (ranges.length < limit && matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      if (end > start) ranges.push([start, end]); // an empty match (a* or ^) highlights nothing
    }
    return ranges;
  }
  const haystack = search.caseSensitive ? scope : scope.toLowerCase();
  const needle = search.caseSensitive ? search.text : search.text.toLowerCase();
  // toLowerCase can change a text's length (e.g. "İ"): then positions would not line up.
  if (haystack.length !== scope.length) return ranges;
  for (let i = haystack.indexOf(needle); i >= 0 && ranges.length < limit; i = haystack.indexOf(needle, i + needle.length)) {
    ranges.push([i, i + needle.length]);
  }
  return ranges;
}
