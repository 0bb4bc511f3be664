// The DB breakdown of a whole trace (not of the filtered view: a statement keeps its number in
// the URL whatever is hidden). It costs 100-200 ms on a 100k-span trace, so it is computed once
// per trace, on first need, and shared by the DB panel and the timeline's highlight.
import { createTraceView, DB_SPAN_NAMES, runSteps, stepDbBreakdown, stepOncePer, type DbBreakdown, type Steps, type Trace } from "../trace";

const cache = new WeakMap<Trace, DbBreakdown>();

export function readWholeTraceDb(trace: Trace): DbBreakdown {
  return runSteps(stepWholeTraceDb(trace));
}

/** readWholeTraceDb a slice of spans per step; overlapping runs keep the first result finished. */
export function stepWholeTraceDb(trace: Trace): Steps<DbBreakdown> {
  return stepOncePer(cache, trace, () => stepDbBreakdown(createTraceView(trace)));
}

/** How many DB spans the trace has, without the breakdown: one pass over the names. */
export function countDbSpans(trace: Trace): number {
  const isDb = trace.strings.map((s) => DB_SPAN_NAMES.has(s));
  let n = 0;
  for (let i = 0; i < trace.size; i++) if (isDb[trace.name[i]!]) n++;
  return n;
}
