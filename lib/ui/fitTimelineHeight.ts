// How tall the trace page's timeline box is: as tall as the screen allows (its rows are
// virtualized, so a big trace scrolls inside it), but no taller than the trace's rows need: a
// trace of a few spans kept a box of a whole screen, mostly empty, above its breakdowns.

/** The box on a big trace: the screen below the page's header, toolbar and legend, never under 24rem. */
export const SCREEN_TIMELINE_HEIGHT = "max(24rem, calc(100vh - 16rem))";
/** Room for at least this many rows (and for the line saying that filters hide every span). */
const MIN_ROWS = 3;

/**
 * The box's CSS height for a trace of `spanCount` spans: every span's row (`rowPx` each, all
 * expanded: a collapse or a filter leaves the box as it was instead of moving what is below it)
 * plus `chromePx` (the overview, the ruler's header and the borders), up to the screen's height.
 */
export function fitTimelineHeight(spanCount: number, rowPx: number, chromePx: number): string {
  return `min(${SCREEN_TIMELINE_HEIGHT}, ${Math.max(MIN_ROWS, spanCount) * rowPx + chromePx}px)`;
}
