import { useMemo } from "react";
import { buildTimelineRows, createTraceView, findPathFolds, type CriticalPath, type Trace } from "@/lib/trace";
import { resolveCollapsed } from "@/lib/ui/collapseState";
import { convertViewStateToFilter, type TraceViewState } from "@/lib/ui/traceViewState";
import { useRegexEngine } from "./useRegexEngine";

/**
 * The view the state asks for (filters, search, critical path only) and its timeline rows
 * (collapsed subtrees skipped, the path's folds), each memoized on exactly what it reads: a
 * search keystroke recomputes the view and the rows, a collapse only the rows.
 */
export function useTraceRows(
  trace: Trace,
  state: TraceViewState,
  criticalPath: CriticalPath | null,
  /** The clipped texts' hashes the server found the search in, once it answered. */
  clippedMatches: ReadonlySet<string> | undefined,
) {
  const { hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly, level, toggled } = state;
  const filter = useMemo(
    () => convertViewStateToFilter({ hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly }, clippedMatches),
    [hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly, clippedMatches],
  );
  const regexReady = useRegexEngine(regex && search !== "");
  // regexReady: the engine createTraceView reads (lib/trace/regexEngine.ts) has arrived; compute again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const view = useMemo(() => createTraceView(trace, filter), [trace, filter, regexReady]);
  const collapsed = useMemo(() => resolveCollapsed(view, level, toggled), [view, level, toggled]);
  // "Critical path only" folds runs of spans that carry a sliver of the path (findPathFolds), so
  // the spans that carry its time come first;
  // a fold opens by its first span's id, kept in the URL (state.openedFolds).
  const openedFolds = useMemo(() => new Set(state.openedFolds), [state.openedFolds]);
  const folds = useMemo(
    () => (criticalOnly && criticalPath ? findPathFolds(view, criticalPath) : null),
    [criticalOnly, criticalPath, view],
  );
  const rows = useMemo(
    () => buildTimelineRows(view, collapsed, folds && { folds, opened: openedFolds }),
    [view, collapsed, folds, openedFolds],
  );
  return { view, rows };
}
