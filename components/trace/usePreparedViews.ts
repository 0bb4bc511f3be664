// The trace page's two filters with a button of their own, "hide DB spans" and "critical path
// only", prepared in idle time once the page has settled (the findings shown), so that the click
// builds nothing: each view is kept where the click's own computation finds it (by filter, by
// the view's tree, by the rows' arrays). Up to PREPARED_VIEW_SPANS spans.
import { useEffect } from "react";
import { buildTimelineRows, createTraceView, findPathFolds, prepareTraceView, type CriticalPath, type Trace } from "@/lib/trace";
import { resolveCollapsed } from "@/lib/ui/collapseState";
import type { TraceViewState } from "@/lib/ui/traceViewState";
import { scheduleAfterPaint } from "./scheduleAfterPaint";

/** Up to this many spans both views are prepared ("hide DB spans" in one task: ~5 ms at 100k). */
const PREPARED_VIEW_SPANS = 100_000;
/** Prepared after the frame of the change that asked for it (a filter's click) and in idle time, or this much later. */
const PREPARE_TIMEOUT_MS = 2000;
const NO_FOLDS: ReadonlySet<string> = new Set();

/** `settled`: the findings are shown. */
export function usePreparedViews(
  trace: Trace,
  state: TraceViewState,
  settled: boolean,
  criticalPath: CriticalPath | null,
  dbSpanCount: number,
): void {
  const { hideDb, hideTypes, hideServices, search, onlyMatches, criticalOnly, level, toggled } = state;
  // "Hide DB spans": its tree, whose first build is a pass over the spans in code not run before
  // (~6 ms of the click's task at 10k spans, profiled). Only while nothing else is hidden: the
  // view keeps one filtered tree per trace, which would otherwise be the shown view's, built
  // again at the next keystroke.
  const prepareHideDb =
    settled &&
    dbSpanCount > 0 &&
    trace.size <= PREPARED_VIEW_SPANS &&
    !hideDb &&
    hideTypes.length === 0 &&
    hideServices.length === 0 &&
    !criticalOnly;
  useEffect(() => {
    if (!prepareHideDb || typeof requestIdleCallback !== "function") return;
    return scheduleAfterPaint(() => prepareTraceView(trace, { hideDb: true }), PREPARE_TIMEOUT_MS);
  }, [prepareHideDb, trace]);
  // "Critical path only", once the path is known: its tree, its folds (findPathFolds) and its
  // rows with nothing opened (the three were 3-5 ms of the click's task at 10k spans, profiled:
  // first runs of code).
  const prepareCriticalOnly =
    settled && criticalPath !== null && trace.size <= PREPARED_VIEW_SPANS && !criticalOnly && !(onlyMatches && search !== "");
  useEffect(() => {
    if (!prepareCriticalOnly || !criticalPath || typeof requestIdleCallback !== "function") return;
    return scheduleAfterPaint(() => {
      const shown = createTraceView(trace, { hideDb, hideNames: hideTypes, hideServices, criticalOnly: true });
      buildTimelineRows(shown, resolveCollapsed(shown, level, toggled), { folds: findPathFolds(shown, criticalPath), opened: NO_FOLDS });
    }, PREPARE_TIMEOUT_MS);
  }, [prepareCriticalOnly, trace, criticalPath, hideDb, hideTypes, hideServices, level, toggled]);
}
