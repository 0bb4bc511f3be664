// Collapse state is a Set of span ids; these return new sets (never mutate the one given), so
// a React state or URL can hold them as values.
import { hasViewChildren, type TraceView } from "./createTraceView";
import { findSpanIndex } from "./findSpanIndex";

export function expandAll(): Set<string> {
  return new Set();
}

/** Every span with children in the view: only the roots remain as rows. */
export function collapseAll(view: TraceView): Set<string> {
  return collapseFromLevel(view, 0);
}

/**
 * Shows levels 0..level (roots are level 0): spans at depth >= level that have children are
 * collapsed, so expanding one of them afterwards reveals one more level, not its whole subtree.
 */
export function expandToLevel(view: TraceView, level: number): Set<string> {
  return collapseFromLevel(view, Math.max(0, level));
}

function collapseFromLevel(view: TraceView, level: number): Set<string> {
  const ids = new Set<string>();
  for (let v = 0; v < view.size; v++) {
    if (view.depth[v]! >= level && hasViewChildren(view, v)) ids.add(view.trace.spanId[view.order[v]!]!);
  }
  return ids;
}

export function toggleCollapsed(collapsed: ReadonlySet<string>, spanId: string): Set<string> {
  const next = new Set(collapsed);
  if (!next.delete(spanId)) next.add(spanId);
  return next;
}

/** Expands every collapsed ancestor of a span (in the view), so selecting it (search, URL) shows it. */
export function revealSpan(view: TraceView, collapsed: ReadonlySet<string>, spanId: string): Set<string> {
  const next = new Set(collapsed);
  const i = findSpanIndex(view.trace, spanId);
  for (let v = i < 0 ? -1 : view.position[i]!; v >= 0; v = view.parent[v]!) {
    if (v !== view.position[i]) next.delete(view.trace.spanId[view.order[v]!]!);
  }
  return next;
}
