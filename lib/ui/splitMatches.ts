// Search hits inside a text, for highlighting what matched on a row or in a panel. The same
// rules as lib/trace's span search (substring, case-insensitive unless asked; or a regex).
import type { SpanSearch } from "../trace";

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

/** [start, end) offsets of the first hits (at most half of maxParts) of a non-empty search in the text. */
export function findMatchRanges(text: string, search: SpanSearch, maxParts: number): [number, number][] {
  const ranges: [number, number][] = [];
  const limit = Math.max(1, Math.floor(maxParts / 2));
  if (search.regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(search.text, search.caseSensitive ? "g" : "gi");
    } catch {
      return ranges;
    }
    for (const m of text.matchAll(pattern)) {
      if (m[0].length === 0) continue; // an empty match (a* or ^) highlights nothing
      ranges.push([m.index, m.index + m[0].length]);
      if (ranges.length >= limit) break;
    }
    return ranges;
  }
  const haystack = search.caseSensitive ? text : text.toLowerCase();
  const needle = search.caseSensitive ? search.text : search.text.toLowerCase();
  // toLowerCase can change a text's length (e.g. "İ"): then positions would not line up.
  if (haystack.length !== text.length) return ranges;
  for (let i = haystack.indexOf(needle); i >= 0 && ranges.length < limit; i = haystack.indexOf(needle, i + needle.length)) {
    ranges.push([i, i + needle.length]);
  }
  return ranges;
}
