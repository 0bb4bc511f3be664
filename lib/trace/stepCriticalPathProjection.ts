// The trace's critical path as one view sees it: a hidden span's path time counts as its nearest
// kept ancestor's, as self time does (hide DB spans and their time on the path becomes their
// callers'). The path itself never depends on filters, so the gaps stay what they are.
import type { CriticalPath } from "./computeCriticalPath";
import type { TraceView } from "./createTraceView";
import { SPANS_PER_STEP, type Steps } from "./runSteps";

export type ViewCriticalPath = {
  /** Microseconds on the path, by view position. */
  byPosition: Float64Array;
  /** Path time of hidden spans that have no kept ancestor (e.g. a hidden service's root). */
  hiddenUs: number;
};

/** A slice of spans per step (projectCriticalPath: at once). */
export function* stepCriticalPathProjection(view: TraceView, path: CriticalPath): Steps<ViewCriticalPath> {
  const { trace } = view;
  const n = trace.size;
  const byPosition = new Float64Array(view.size);
  // Nearest kept ancestor-or-self, by span position: parents come first in pre-order.
  const keptAt = new Int32Array(n);
  let hiddenUs = 0;
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    if (from > 0) yield;
    const to = Math.min(n, from + SPANS_PER_STEP);
    for (let i = from; i < to; i++) {
      const v = view.position[i]!;
      const p = trace.parent[i]!;
      const kept = v >= 0 ? v : p >= 0 ? keptAt[p]! : -1;
      keptAt[i] = kept;
      const us = path.bySpan[i]!;
      if (us === 0) continue;
      if (kept >= 0) byPosition[kept]! += us;
      else hiddenUs += us;
    }
  }
  return { byPosition, hiddenUs };
}
