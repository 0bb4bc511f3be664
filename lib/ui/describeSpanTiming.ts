// How a span's times relate to its caller's and to the work under it, in words for the details
// panel: the facts an operator reads off a cast (nothing on the wire says "cast"; the times do).
// A server side that began after its caller returned waited somewhere untraced (a queue, a thread
// pool); a span that ended after its caller outlived it; what it started may go on long after it
// returned; a callee that seems to start before its caller on another host is clock skew.
import { labelCall, measureAsyncTail, SpanFlag, type Trace } from "../trace";
import { clipText } from "./clipText";
import { formatDurationUs } from "./formatDuration";

export function describeSpanTiming(trace: Trace, i: number): string[] {
  const lines: string[] = [];
  const f = trace.flags[i]!;
  const p = trace.parent[i]!;
  const knownStart = !(f & SpanFlag.NO_START),
    knownStop = !(f & SpanFlag.UNFINISHED);
  if (p >= 0) {
    const pf = trace.flags[p]!;
    const caller = clipText(labelCall(trace, p));
    const sameHost = trace.host[p] === trace.host[i];
    const queuedUs = trace.startUs[i]! - trace.stopUs[p]!;
    if (knownStart && !(pf & SpanFlag.UNFINISHED) && queuedUs > 0)
      lines.push(
        `Began ${formatDurationUs(queuedUs)} after its caller ${caller} returned: an RPC cast or spawned work, waiting that long in a queue or a thread pool.`,
      );
    else if (knownStop && !(pf & SpanFlag.UNFINISHED) && f & SpanFlag.ASYNC)
      lines.push(
        `Ended ${formatDurationUs(trace.stopUs[i]! - trace.stopUs[p]!)} after its caller ${caller} returned: it outlived its caller.`,
      );
    const leadUs = trace.startUs[p]! - trace.startUs[i]!;
    if (knownStart && !(pf & SpanFlag.NO_START) && leadUs > 0)
      lines.push(
        sameHost
          ? `Seems to start ${formatDurationUs(leadUs)} before its caller ${caller} on the same host: its times contradict each other.`
          : `Seems to start ${formatDurationUs(leadUs)} before its caller ${caller}: the clocks of ${trace.strings[trace.host[i]!]} and ${trace.strings[trace.host[p]!]} differ (see the header).`,
      );
  }
  const tailUs = measureAsyncTail(trace, i);
  if (tailUs > 0)
    lines.push(
      `What it started went on for ${formatDurationUs(tailUs)} after it returned, until +${formatDurationUs(trace.subtreeStopUs[i]! - trace.startedUs)}.`,
    );
  return lines;
}
