// Self time: the part of a span's measured extent not covered by any of its children in the
// view. Children may overlap each other (parallel calls) and may start before or end after
// their parent (clock skew between hosts): only the union of children, clipped to the parent,
// is taken away, so self time is never negative and never counts one instant twice.
import type { TraceView } from "./createTraceView";
import { SPANS_PER_STEP, type Steps } from "./runSteps";

/** Self time in microseconds, by view position, a slice of spans per step (computeSelfTimes: at once). */
export function* stepSelfTimes(view: TraceView): Steps<Float64Array> {
  const { trace, order, subtreeEnd } = view;
  const n = view.size;
  const self = new Float64Array(n);
  let kids = new Int32Array(64);
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    if (from > 0) yield;
    const to = Math.min(n, from + SPANS_PER_STEP);
    for (let v = from; v < to; v++) {
      const s = trace.startUs[order[v]!]!,
        e = trace.stopUs[order[v]!]!;
      let k = 0,
        sorted = true,
        lastStart = -Infinity;
      for (let c = v + 1; c < subtreeEnd[v]!; c = subtreeEnd[c]!) {
        const cs = trace.startUs[order[c]!]!;
        if (cs < lastStart) sorted = false;
        lastStart = cs;
        if (k === kids.length) {
          const grown = new Int32Array(2 * k);
          grown.set(kids);
          kids = grown;
        }
        kids[k++] = c;
      }
      const group = kids.subarray(0, k);
      // Hiding spans can promote a grandchild ahead of a later-starting sibling: sort only then.
      if (!sorted) group.sort((a, b) => trace.startUs[order[a]!]! - trace.startUs[order[b]!]!);
      let covered = 0,
        reach = s;
      for (const c of group) {
        const coverFrom = Math.max(reach, trace.startUs[order[c]!]!),
          coverTo = Math.min(e, trace.stopUs[order[c]!]!);
        if (coverTo <= coverFrom) continue; // inside what is already covered, or outside the span
        covered += coverTo - coverFrom;
        reach = coverTo;
      }
      self[v] = Math.max(0, e - s - covered);
    }
  }
  return self;
}
