// A new version of a live trace inserts rows anywhere: the row at the top of the timeline's view
// stays where it was (found by its span id), so what the reader looks at does not slide away.
import { useLayoutEffect, useRef, type RefObject } from "react";
import { findRow, findSpanIndex, type TimelineRows, type Trace } from "@/lib/trace";
import { ROW_HEIGHT } from "./TimelineRow";

/** `setScrollTop`: told the body's scrollTop when it moved the body. */
export function useTopRowAcrossVersions(
  trace: Trace,
  rows: TimelineRows,
  bodyRef: RefObject<HTMLDivElement | null>,
  setScrollTop: (scrollTop: number) => void,
): void {
  const shown = useRef<{ trace: Trace; rows: TimelineRows } | null>(null);
  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = { trace, rows };
    const body = bodyRef.current;
    if (!before || before.trace === trace || !body) return;
    const top = body.scrollTop,
      row = Math.floor(top / ROW_HEIGHT);
    if (row >= before.rows.count) return;
    const spanId = before.trace.spanId[before.rows.view.order[before.rows.rows[row]!]!]!;
    const now = findRow(rows, findSpanIndex(trace, spanId));
    if (now >= 0 && now !== row) {
      body.scrollTop = now * ROW_HEIGHT + (top - row * ROW_HEIGHT);
      setScrollTop(body.scrollTop);
    }
  }, [trace, rows, bodyRef, setScrollTop]);
}
