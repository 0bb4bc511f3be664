// The first view of a link to a span (span=) off the critical path of a trace that opens on it.
import { createTraceView, findSpanIndex, type PathTimes, type Trace } from "../trace";
import type { TraceViewState } from "./traceViewState";

/**
 * Every span, when the span a link selects is not on the critical path (nor an ancestor of a span
 * on it) and the link's view is "critical path only": the page would otherwise render that view
 * first (on the server too), note and folds, then leave it for every span once the page runs and
 * shows the span (useSpanNavigation), a different first screen for a few hundred milliseconds. The
 * same state on the server and in the browser: the trace is the one inlined in the page. Only for
 * a trace whose path comes with the first render (its defaults say "critical path only").
 * `path`: the path the view keeps when it is not the trace's own (the compare page's rows on
 * either trace's path: alignCriticalPaths).
 */
export function showLinkedSpanOffPath(trace: Trace, state: TraceViewState, path?: PathTimes): TraceViewState {
  if (!state.criticalOnly || state.selected === null) return state;
  const i = findSpanIndex(trace, state.selected);
  if (i < 0 || createTraceView(trace, { criticalOnly: true, criticalPath: path }).position[i]! >= 0) return state;
  return { ...state, criticalOnly: false, openedFolds: [] };
}
