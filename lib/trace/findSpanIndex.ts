import type { Trace } from "./types";

// Built on first use and kept per trace: only lookups by id (URL state, collapse sets) need it.
const indexes = new WeakMap<Trace, Map<string, number>>();

/** The position of a span in the trace, or -1 when the trace has no such span. */
export function findSpanIndex(trace: Trace, spanId: string): number {
  let index = indexes.get(trace);
  if (!index) {
    index = new Map();
    for (let i = 0; i < trace.size; i++) index.set(trace.spanId[i]!, i);
    indexes.set(trace, index);
  }
  return index.get(spanId) ?? -1;
}
