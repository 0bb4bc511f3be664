// Which spans a "show levels 0..level" button collapses. The page keeps collapse state as a level
// plus toggled span ids (lib/ui/collapseState.ts); this is the level's part, a set of span ids
// as buildTimelineRows takes it.
import { hasViewChildren, type TraceView } from "./createTraceView";

/**
 * Shows levels 0..level (roots are level 0): spans at depth >= level that have children are
 * collapsed, so expanding one of them afterwards reveals one more level, not its whole subtree.
 * Level 0 (or below) collapses every span with children: only the roots remain as rows.
 */
export function expandToLevel(view: TraceView, level: number): Set<string> {
  const from = Math.max(0, level);
  const ids = new Set<string>();
  for (let v = 0; v < view.size; v++) {
    if (view.depth[v]! >= from && hasViewChildren(view, v)) ids.add(view.trace.spanId[view.order[v]!]!);
  }
  return ids;
}
