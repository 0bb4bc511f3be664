// Which of the timeline's columns a page can ever show. From 140rem (a 2560 px screen) the grid
// gives the type, project and host columns of their own (app/globals.css, its container query);
// narrower, those cells are `display: none`. A page whose content is never that wide says so,
// and its rows leave the cells out: three elements and their text fewer per row to create and
// style at every input that mounts rows. Decided from the page's own maximum width, not from a
// measured one: a measurement is only known after the first render, which then draws every row
// twice (benchmarks §23/§25).

/** The timeline width from which app/globals.css shows the wide-only columns. */
export const TIMELINE_WIDE_MIN_REM = 140;

/** The trace page's widest content (TraceExplorer's max width, the timeline inside its padding). */
export const TRACE_PAGE_MAX_REM = 120;

/** Whether a timeline inside a box at most `maxRem` wide (null: no limit) can show the wide-only columns. */
export function canShowWideColumns(maxRem: number | null): boolean {
  return maxRem === null || maxRem >= TIMELINE_WIDE_MIN_REM;
}
