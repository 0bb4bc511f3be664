// A row's name cell cuts its text at the column's edge (CSS `truncate`). When the search's first
// hit in it lies past that edge, the row is tinted as a match and the reader cannot see why: the
// row then shows its text from a little before the hit, after a "…". Decided from the text, the
// search and the cell's width (measured once per resize, for the whole column), nothing measured
// per row: a keystroke re-renders only the rows whose window moves (typing on through a word
// moves it only where the first hit of what is typed so far moves).
import { splitClippedText } from "../trace/clipMark";
import type { SpanSearch } from "../trace/searchSpans";
import { clipText } from "./clipText";
import { findStrongCharacter, findStrongDirection } from "./findStrongDirection";
import { findMatchRanges } from "./splitMatches";

/** px per character assumed: more than 12 px text's average (6-7 px), so that a hit judged in view is. */
export const ROW_CHAR_PX = 7.5;
/** Characters kept before a moved-to hit, for context (fewer when the hit leaves no room). */
const CONTEXT_CHARS = 12;
const STARTS_MID_CHARACTER = /^(?:\p{M}|[\udc00-\udfff])/u;

/** Where the shown text starts so that `hit` is in the first `visibleChars`: 0 (as it is) when it already is, or without a hit. */
export function chooseShownFrom(text: string, hit: readonly [number, number] | undefined, visibleChars: number): number {
  if (hit === undefined) return 0;
  const [start, end] = hit;
  // A text that fits is seen whole, whatever its directions.
  if (text.length <= visibleChars) return 0;
  // The cell lays the text out in its first strong character's direction (dir="auto"). A hit in
  // a run of the other direction (Hebrew in a quoted string of an SQL statement) is drawn from
  // that run's far end: in view only when the whole run is. The cell's own "…" takes the last
  // visible character.
  const paragraph = findStrongDirection(text);
  const hitDirection = findStrongDirection(text, start) ?? paragraph;
  // (Looked for only within the visible characters: a run past them is not in view either way.)
  const runEnd =
    hitDirection === paragraph ? end : (findStrongCharacter(text, start, visibleChars, (d) => d === paragraph)?.at ?? text.length);
  if (Math.max(end, runEnd) <= visibleChars - 1) return 0;
  // The leading "…", the hit, and what context fits before it.
  const context = Math.max(0, Math.min(CONTEXT_CHARS, visibleChars - 2 - (end - start)));
  let from = start - context;
  // From a word's start when the context holds one ("…FROM instance_extra", not "…OM instance_extra").
  const space = text.lastIndexOf(" ", start - 2);
  if (context > 0 && space >= from) from = space + 1;
  // Context of the other direction than the hit's would set the window's direction against it
  // (dir="auto") and draw the hit from the far, clipped end: the window starts after it.
  findStrongCharacter(text, from, start, (direction, _at, after) => {
    if (direction !== hitDirection) from = after;
    return false;
  });
  // Never on half a surrogate pair, nor on a combining mark (an accent written apart, a variation
  // selector), which would sit on the "…": past it, towards the hit, so the hit stays in view
  // (back to the pair's first half, with the context at its most, put the hit's end under the "…").
  while (from < start && STARTS_MID_CHARACTER.test(text.slice(from, from + 2))) from += text.codePointAt(from)! > 0xffff ? 2 : 1;
  return from;
}

/** The row's text as shown from `from` (chooseShownFrom), clipped as every row's text is. */
export function showTextFrom(text: string, from: number): string {
  return from === 0 ? clipText(text) : `…${clipText(text.slice(from))}`;
}

export type RowNameCell = {
  /** The span's name; shown before the detail where the timeline has no column of its own for it. */
  name: string;
  detail: string | null;
  /** Whether the name is shown before the detail (the timeline is under 140rem: app/globals.css). */
  namePrefixed: boolean;
  /** px the cell leaves its text: the column less the row's indent, toggle and padding, and badges. */
  textPx: number;
};

/** Where a row's main text (its detail, else its name) is shown from, for the search's first hit (chooseShownFrom). */
export function chooseRowShownFrom(cell: RowNameCell, search: SpanSearch | null): number {
  if (search === null || search.text === "") return 0;
  let chars = Math.floor(cell.textPx / ROW_CHAR_PX);
  if (cell.detail !== null && cell.namePrefixed) {
    // A hit the prefixed name shows already says why the row matched.
    const nameHit = findMatchRanges(cell.name, search, 2)[0];
    if (nameHit !== undefined && nameHit[1] <= chars - 1) return 0;
    chars -= cell.name.length + 1;
  }
  const text = cell.detail ?? cell.name;
  // Past what a row would show anyway (clipText's 200 characters), the hit is still found and shown;
  // in a text clipped for display only in its kept start, as the search tests it: the mark's own
  // words and figures ("…[clipped for display: 9000 characters, #…]") are no hit.
  const kept = splitClippedText(text)?.kept ?? text;
  return chooseShownFrom(text, findMatchRanges(kept, search, 2)[0], Math.max(chars, 0));
}
