// What a collapsed row hides: its subtree's extent (a cast's client span is a sliver, its
// subtree can run for seconds), how many spans, and whether any of them raised. Error counts are
// prefix sums over the pre-order, computed once per trace, so each row costs O(1).
import type { TraceView } from "./createTraceView";
import { SpanFlag, type Trace } from "./types";

export type SubtreeSummary = {
  startUs: number;
  stopUs: number;
  /** Spans of the view under this one (what collapsing it hides). */
  hiddenSpans: number;
  /** Descendants that raised, hidden by filters or not. */
  errors: number;
};

const errorPrefixes = new WeakMap<Trace, Int32Array>();

function errorsBefore(trace: Trace): Int32Array {
  let prefix = errorPrefixes.get(trace);
  if (!prefix) {
    prefix = new Int32Array(trace.size + 1);
    for (let i = 0; i < trace.size; i++) prefix[i + 1] = prefix[i]! + (trace.flags[i]! & SpanFlag.ERROR ? 1 : 0);
    errorPrefixes.set(trace, prefix);
  }
  return prefix;
}

/** Makes what summarizeSubtree reads for this trace, so the first collapse does not (idle time after the first paint). */
export function prepareSubtreeSummaries(trace: Trace): void {
  errorsBefore(trace);
}

/** The subtree under the view span at position `v`. */
export function summarizeSubtree(view: TraceView, v: number): SubtreeSummary {
  const { trace } = view;
  const i = view.order[v]!;
  const prefix = errorsBefore(trace);
  return {
    startUs: trace.subtreeStartUs[i]!,
    stopUs: trace.subtreeStopUs[i]!,
    hiddenSpans: view.subtreeEnd[v]! - v - 1,
    errors: prefix[trace.subtreeEnd[i]!]! - prefix[i + 1]!,
  };
}
