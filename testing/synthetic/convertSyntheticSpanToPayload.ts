// Synthetic span -> the OSprofiler payload its service sends, built the way osprofiler does it:
// _Profiler._notify makes {name, base_id, trace_id, parent_id, timestamp, info} (info always
// with "host" added last), then the messaging driver appends "project" and "service".
import { formatTimestamp } from "./formatTimestamp";
import type { Phase } from "../../lib/notification/types";
import type { ProfilerPayload, SyntheticSpan } from "./types";

/** `timestampUs` defaults to the span's own start/stop; a skewed host clock passes its reading. */
export function convertSyntheticSpanToPayload(traceId: string, span: SyntheticSpan, phase: Phase, timestampUs?: number): ProfilerPayload {
  const start = phase === "start";
  const extra = start ? span.startInfo : span.stopInfo;
  return {
    name: `${span.name}-${phase}`,
    base_id: traceId,
    trace_id: span.spanId,
    parent_id: span.parentId,
    timestamp: formatTimestamp(timestampUs ?? (start ? span.startUs : span.stopUs)),
    info: extra ? { ...extra, host: span.process.host } : { host: span.process.host },
    project: span.process.project,
    service: span.process.service,
  };
}
