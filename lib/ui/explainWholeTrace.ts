// A trace's findings as the trace page shows them above the timeline, with the DB breakdown the
// DB panel shares (readWholeTraceDb: computed once per trace). The server computes them for an
// inlined everyday trace (app/(site)/traces/[traceId]/page.tsx), so the browser hydrates with the
// server's findings instead of computing them again before the first rows can be painted (the
// SQL grouping alone is tens of ms at 1k spans on this machine).
import { explainTrace, stepExplainTrace, type Steps, type Trace, type TraceFinding } from "../trace";
import { readWholeTraceDb, stepWholeTraceDb } from "./readWholeTraceDb";

/**
 * Up to this many spans, the critical path and the findings come with the first render: in Node
 * on this 2-core machine they took 3-24 ms at 1k spans and 5-53 ms at 5k (5 runs each, busy).
 * Past it they are computed after the first rows are painted.
 */
export const EAGER_FINDINGS_SPANS = 2000;

export function explainWholeTrace(trace: Trace): TraceFinding[] {
  return explainTrace(trace, { db: readWholeTraceDb(trace) });
}

/** explainWholeTrace a slice of spans per step (the page's, for a big trace, between inputs). */
export function* stepExplainWholeTrace(trace: Trace): Steps<TraceFinding[]> {
  return yield* stepExplainTrace(trace, { db: yield* stepWholeTraceDb(trace) });
}
