// Opening a span from outside the timeline (a DB statement, the slowest calls, a parent link,
// a search hit, a "why slow" finding) must give it a row: the filters that hide it are relaxed
// (only those), and its collapsed ancestors expanded.
import { createTraceView, DB_SPAN_NAMES, type PathTimes, type Trace } from "../trace";
import { resolveCollapsed, revealSpanInToggles } from "./collapseState";
import { convertViewStateToFilter, type TraceViewState } from "./traceViewState";

/**
 * `alwaysCollapsed`: spans collapsed whatever the level (the compare page's groups; see
 * resolveCollapsed). `clippedMatches`: the view's answer for the whole clipped texts
 * (convertViewStateToFilter), so a span matched in a long text's end keeps "only matches".
 * `criticalPath`: the path "critical path only" keeps when it is not the trace's own (the
 * compare page's, over both traces: lib/trace/alignCriticalPaths).
 */
export function showSpanInState(
  trace: Trace,
  state: TraceViewState,
  spanIndex: number,
  alwaysCollapsed: Iterable<string> = [],
  clippedMatches?: ReadonlySet<string>,
  criticalPath?: PathTimes,
): Partial<TraceViewState> {
  const filterOf = (state: TraceViewState) => ({ ...convertViewStateToFilter(state, clippedMatches), criticalPath });
  const id = trace.spanId[spanIndex]!;
  const name = trace.strings[trace.name[spanIndex]!]!;
  const service = trace.strings[trace.service[spanIndex]!]!;
  const patch: Partial<TraceViewState> = { selected: id };
  if (state.hideDb && DB_SPAN_NAMES.has(name)) patch.hideDb = false;
  if (state.hideTypes.includes(name)) patch.hideTypes = state.hideTypes.filter((t) => t !== name);
  if (state.hideServices.includes(service)) patch.hideServices = state.hideServices.filter((s) => s !== service);
  let next = { ...state, ...patch };
  let view = createTraceView(trace, filterOf(next));
  if (view.position[spanIndex]! < 0 && next.criticalOnly) {
    // Off the critical path: show everything rather than lose the span.
    patch.criticalOnly = false;
    patch.openedFolds = []; // its folds go with it
    next = { ...next, criticalOnly: false, openedFolds: [] };
    view = createTraceView(trace, filterOf(next));
  }
  if (view.position[spanIndex]! < 0 && next.onlyMatches) {
    // Not a match: only-matches would hide it still.
    patch.onlyMatches = false;
    next = { ...next, onlyMatches: false };
    view = createTraceView(trace, filterOf(next));
  }
  patch.toggled = revealSpanInToggles(view, resolveCollapsed(view, next.level, next.toggled, alwaysCollapsed), next.toggled, id);
  return patch;
}
