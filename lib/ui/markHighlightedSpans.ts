// The spans the trace page's timeline highlights: those of the finding in focus, else those of
// the DB statement picked in the breakdowns. One byte a span, so a row reads its own mark.
import type { Trace, TraceFinding } from "../trace";
import { readWholeTraceDb } from "./readWholeTraceDb";

/** By span position, 1 for a span to highlight; null when nothing is (a finding or statement not there marks nothing). */
export function markHighlightedSpans(
  trace: Trace,
  findings: readonly TraceFinding[] | null,
  finding: number | null,
  sql: number | null,
): Uint8Array | null {
  const spans = finding !== null ? findings?.[finding]?.spans : sql === null ? undefined : readWholeTraceDb(trace).groups[sql]?.spans;
  if (!spans) return null;
  const marks = new Uint8Array(trace.size);
  for (const i of spans) marks[i] = 1;
  return marks;
}
