// How long the work a span started went on after the span itself ended: a cast's client span is a
// sliver, the server side it started can run for seconds. Measured from the span's later
// timestamp: a stop before the start (a clock stepped back) is the span's own skew, not work
// after it. The timeline's collapsed row ('async +10.6 s') and the details panel's timing both
// say it, so they say the same.
import { SpanFlag, type Trace } from "./types";

/** µs from span i's end to its subtree's end; 0 when there is none, or span i never finished. */
export function measureAsyncTail(trace: Trace, i: number): number {
  if (trace.flags[i]! & SpanFlag.UNFINISHED) return 0;
  return Math.max(0, trace.subtreeStopUs[i]! - Math.max(trace.startUs[i]!, trace.stopUs[i]!));
}
