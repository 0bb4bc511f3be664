import { listFoldsHolding, type TimelineRows } from "@/lib/trace";

/**
 * The span ids that open the folds of "critical path only" holding the span at trace position
 * `i` (what the view state's `openedFolds` must gain to show it), outermost first: none when the
 * rows have no folds, or the span is in none or not in the view.
 */
export function listFoldIdsHolding(rows: TimelineRows, i: number): string[] {
  const { view, folds } = rows;
  const v = view.position[i] ?? -1;
  if (!folds || v < 0) return [];
  return listFoldsHolding(folds, v).map((f) => view.trace.spanId[view.order[f]!]!);
}

/** Whether the span at trace position `i` has a row of its own that stands for a closed fold (its toggle opens the fold). */
export function isClosedFoldRow(rows: TimelineRows, i: number): boolean {
  return rows.folded?.[rows.view.position[i] ?? -1] === 1;
}
