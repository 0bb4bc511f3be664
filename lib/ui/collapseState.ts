// Collapse state as the URL holds it (a level plus toggled span ids, see traceViewState.ts)
// <-> the set of collapsed span ids lib/trace's timeline rows take.
import { expandToLevel, findSpanIndex, type TraceView } from "../trace";
import { sortedUnique } from "./traceViewState";

/** What `level` collapses in this view (plus what is collapsed whatever the level), with each toggled span flipped. */
export function resolveCollapsed(
  view: TraceView,
  level: number | null,
  toggled: readonly string[],
  alwaysCollapsed: Iterable<string> = [],
): Set<string> {
  const collapsed = level === null ? new Set<string>() : expandToLevel(view, level);
  for (const id of alwaysCollapsed) collapsed.add(id);
  for (const id of toggled) if (!collapsed.delete(id)) collapsed.add(id);
  return collapsed;
}

/** Flips one span. */
export function toggleSpanId(toggled: readonly string[], spanId: string): string[] {
  return toggled.includes(spanId) ? toggled.filter((id) => id !== spanId) : sortedUnique([...toggled, spanId]);
}

/**
 * The toggles that also expand every collapsed ancestor of a span, so it gets a row (a span
 * opened from a link, a search hit, a DB statement). Unchanged when it already has one.
 */
export function revealSpanInToggles(view: TraceView, collapsed: ReadonlySet<string>, toggled: readonly string[], spanId: string): string[] {
  const i = findSpanIndex(view.trace, spanId);
  const v = i < 0 ? -1 : view.position[i]!;
  let next: string[] | null = null;
  for (let a = v < 0 ? -1 : view.parent[v]!; a >= 0; a = view.parent[a]!) {
    const id = view.trace.spanId[view.order[a]!]!;
    if (collapsed.has(id)) next = toggleSpanId(next ?? toggled, id);
  }
  return next ?? [...toggled];
}
