// The DB breakdown of a whole trace (not of the filtered view: a statement keeps its number in
// the URL whatever is hidden). It costs 100-200 ms on a 100k-span trace, so it is computed once
// per trace, on first need, and shared by the DB panel and the timeline's highlight.
import { computeDbBreakdown, createTraceView, DB_SPAN_NAMES, type DbBreakdown, type Trace } from "../trace";

const cache = new WeakMap<Trace, DbBreakdown>();

export function readWholeTraceDb(trace: Trace): DbBreakdown {
  let db = cache.get(trace);
  if (!db) {
    db = computeDbBreakdown(createTraceView(trace));
    cache.set(trace, db);
  }
  return db;
}

/** How many DB spans the trace has, without the breakdown: one pass over the names. */
export function countDbSpans(trace: Trace): number {
  const isDb = trace.strings.map((s) => DB_SPAN_NAMES.has(s));
  let n = 0;
  for (let i = 0; i < trace.size; i++) if (isDb[trace.name[i]!]) n++;
  return n;
}
