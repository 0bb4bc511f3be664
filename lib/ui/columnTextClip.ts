// A row's name and statement cut to what its column can show, not to ROW_TEXT_MAX: the browser
// shapes every character a new row's cells hold when it lays the row out (docs/benchmarks.md
// §75/§79), and the tree column at 1280-1440 px shows ~35-50 characters of a statement, not 200.
// Pure: the component measures the column's width and the font's advances (canvas), this file
// turns them into a clip that never cuts what the column shows.
import { clipText, ROW_TEXT_MAX } from "./clipText";

/**
 * The advance widths (px) of a font's printable ASCII characters, and the narrowest of them.
 * Other characters count as nothing: a combining mark or a zero-width joiner takes no room, so
 * only a width of 0 is safe for them (text in other scripts is then cut at ROW_TEXT_MAX, as
 * before).
 */
export type GlyphAdvances = { ascii: readonly number[]; narrowest: number };

/**
 * The column's width is rounded up to these steps, so that a divider dragged across the timeline
 * re-renders the rows' text once every 64 px, not at every pointer move.
 */
export const CLIP_WIDTH_STEP_PX = 64;

/**
 * Advances are summed at this fraction of their width: kerning and ligatures can set a pair
 * closer than their advances, and a narrower fallback font can stand in for a character.
 */
const ADVANCE_SHARE = 0.8;
/** Characters kept past the one that crosses the column's edge, for the same reason. */
const SLACK_CHARS = 4;

/** The column's measured width rounded up to a step (0 or less, or not a number: unknown, Infinity). */
export function stepClipWidth(widthPx: number): number {
  if (!(widthPx > 0) || !Number.isFinite(widthPx)) return Infinity;
  return Math.ceil(widthPx / CLIP_WIDTH_STEP_PX) * CLIP_WIDTH_STEP_PX;
}

/**
 * An upper bound of the tree column's width before anything is laid out (the first render):
 * the grid (app/globals.css) gives it the larger of its minimum and its share of the rows, and
 * the rows are at most the window's width.
 */
export function maxTreeColumnPx(windowWidthPx: number, treeShare: number, treeMinPx: number): number {
  return Math.max(treeMinPx, treeShare * windowWidthPx);
}

/**
 * How many characters of `text` a column `widthPx` wide can show at most: every advance counted
 * short (ADVANCE_SHARE), plus a few characters, capped at `max`. Infinity or no advances: `max`.
 */
export function columnChars(text: string, widthPx: number, advances: GlyphAdvances | null, max = ROW_TEXT_MAX): number {
  if (advances === null || !Number.isFinite(widthPx) || !(advances.narrowest > 0)) return max;
  const end = Math.min(text.length, max);
  let px = 0;
  let space = false;
  for (let k = 0; k < end; k++) {
    const code = text.charCodeAt(k);
    // A row's cells collapse a run of white space into one space (white-space: nowrap).
    const white = code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
    if (white) {
      if (!space) px += advances.ascii[32]! * ADVANCE_SHARE;
      space = true;
    } else {
      space = false;
      if (code > 32 && code < 127) px += advances.ascii[code]! * ADVANCE_SHARE;
    }
    if (px > widthPx) return Math.min(max, k + 1 + SLACK_CHARS);
  }
  return max;
}

/** The text as a row's cell in a column `widthPx` wide renders it (clipText's "…" where it is cut). */
export function clipToColumn(text: string, widthPx: number, advances: GlyphAdvances | null): string {
  return clipText(text, columnChars(text, widthPx, advances));
}

/**
 * Advances from a measuring function (a canvas' measureText in the page) for the printable ASCII
 * characters; one that measures nothing counts as the narrowest. Null when none measures above 0.
 */
export function measureGlyphAdvances(measure: (ch: string) => number): GlyphAdvances | null {
  const ascii: number[] = new Array<number>(128).fill(0);
  let narrowest = Infinity;
  for (let code = 32; code < 127; code++) {
    const w = measure(String.fromCharCode(code));
    if (!(w > 0) || !Number.isFinite(w)) continue;
    ascii[code] = w;
    narrowest = Math.min(narrowest, w);
  }
  if (!Number.isFinite(narrowest)) return null;
  for (let code = 32; code < 127; code++) if (!(ascii[code]! > 0)) ascii[code] = narrowest;
  return { ascii, narrowest };
}
