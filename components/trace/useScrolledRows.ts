import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { scrollTopToReveal } from "@/lib/ui/computeVisibleRange";
import { useLatest } from "../ui/useLatest";
import { scheduleAfterPaint } from "./scheduleAfterPaint";

/** What keeps the reader's row in place when the rows change under them. */
export type KeepInPlace<Rows> = {
  /** Whether two rows put the same spans in the same places (a search keystroke's rows over the same arrays): nothing to do. */
  same(before: Rows, after: Rows): boolean;
  /** Where to scroll over `after` so that what the reader looked at over `before` stays in place, or null. */
  scrollTop(before: Rows, after: Rows, scrollTop: number, viewportHeight: number): number | null;
  /** Whether `after` is drawn first without the overscan (a reader's change, not a new version of the data arriving). */
  holdOverscan?(before: Rows, after: Rows): boolean;
};

/**
 * The scroll state of a virtualized list of fixed-height rows, shared by the trace timeline and
 * the compare timeline: where the body is scrolled, how tall it is, and how to bring a row into view.
 * With `keepInPlace`, new rows (a filter, a collapse) are scrolled where it says.
 */
export function useScrolledRows<Rows extends { count: number }>(rows: Rows, rowHeight: number, keepInPlace?: KeepInPlace<Rows>) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Until the body is measured (the server's HTML and the hydration render) the height is a guess
  // and no rows are mounted beyond it: the first screen's HTML carries only the rows it shows.
  const [viewport, setViewport] = useState({ height: 600, measured: false });
  // The same height again (a resize of another observed element) keeps the state: no re-render.
  const setViewportHeight = useCallback(
    (height: number) => setViewport((v) => (v.measured && v.height === height ? v : { height, measured: true })),
    [],
  );
  const viewportHeight = viewport.height;
  // New rows (a filter, a collapse, critical path only) are first drawn without the overscan,
  // the rows out of view: a third of the mounted rows at 800 px, whose render, style, layout and
  // paint the click's frame waited for and nobody saw (docs/benchmarks.md §91). They are added
  // once that frame is painted and the page is idle; a scroll before then mounts what it shows.
  const [overscanHeld, setOverscanHeld] = useState(false);
  useEffect(() => {
    if (overscanHeld) return scheduleAfterPaint(() => setOverscanHeld(false), 500);
  }, [overscanHeld]);
  const overscan = viewport.measured && !overscanHeld ? undefined : 0;

  // New rows: the scrollTop that keeps the reader's row in place is found while rendering them, so
  // that they are rendered once, at that scrollTop (not first at the old one, then again).
  const [drawn, setDrawn] = useState<{ rows: Rows; keptTop: number | null }>({ rows, keptTop: null });
  if (keepInPlace && drawn.rows !== rows && !keepInPlace.same(drawn.rows, rows)) {
    const keptTop = keepInPlace.scrollTop(drawn.rows, rows, scrollTop, viewportHeight);
    setDrawn({ rows, keptTop });
    if (keptTop !== null) setScrollTop(keptTop);
    // A body too short to show a row (hidden, or jsdom's) mounts its rows as overscan only.
    if (viewport.measured && viewportHeight >= rowHeight && keepInPlace.holdOverscan?.(drawn.rows, rows)) setOverscanHeld(true);
  }
  // Before the effect below reads the body's scrollTop back.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body && drawn.keptTop !== null) body.scrollTop = drawn.keptTop;
  }, [drawn]);

  // Fewer rows (collapse, filter) can leave the scroll position past the end. On mount too: a
  // server-rendered body may have been scrolled before hydration (no scroll event reaches React);
  // on a client-side mount this read forces the page's first layout inside the commit, but that
  // layout is needed for the first paint anyway, and the timeline's measuring would force it next.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body && body.scrollTop !== scrollTop) setScrollTop(body.scrollTop);
  }, [rows.count, scrollTop]);

  const reveal = useCallback(
    (row: number) => {
      const body = bodyRef.current;
      if (!body || row < 0) return;
      const top = scrollTopToReveal(row, body.scrollTop, body.clientHeight, rowHeight);
      if (top !== null) {
        body.scrollTop = top;
        setScrollTop(body.scrollTop);
      }
    },
    [rowHeight],
  );

  // The latest rows for an imperative handle, which outlives renders.
  const rowsRef = useLatest(rows);

  return { bodyRef, scrollTop, setScrollTop, viewportHeight, measured: viewport.measured, setViewportHeight, overscan, reveal, rowsRef };
}
