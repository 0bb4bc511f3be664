// "Critical path only" may hide nothing and still fold most of a trace into a few rows (a server
// create whose spans all lead to the path): the counts above the timeline say how many spans the
// closed folds hold, or the view reads "none off the critical path" over a screen of fold rows.
import type { TimelineRows } from "./buildTimelineRows";

/** Spans of the view inside closed folds (each fold's view positions, nested folds counted once). */
export function countFoldedSpans(rows: TimelineRows): number {
  const { folded, folds } = rows;
  if (!folded || !folds) return 0;
  let spans = 0;
  for (let r = 0; r < rows.count; r++) {
    const v = rows.rows[r]!;
    if (folded[v]) spans += folds.end[v]! - v;
  }
  return spans;
}
