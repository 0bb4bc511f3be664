// One line per new trace for `ostrace tail`: fixed-width fields first (time, base_id,
// duration, when the API answered, spans, errors), the request last, so the columns line up in
// a scrolling terminal. "answered" as `trace list` has it: for a server create, the 30 ms its
// caller waited against the seconds of work (the duration); "-" until the root's stop arrived.
import type { TraceListItem } from "../trace/traceList";
import { describeRootRequest } from "../ui/describeTraceListItem";
import { formatDurationUs } from "../ui/formatDuration";
import { formatOsprofilerTime } from "./formatOsprofilerTime";
import { sanitizeTerminalText } from "./sanitizeTerminalText";

export function formatTailLine(trace: TraceListItem): string {
  const spans = `${trace.spanCount.toLocaleString("en")} span${trace.spanCount === 1 ? "" : "s"}`;
  const errors = trace.errorCount > 0 ? `${trace.errorCount} error${trace.errorCount === 1 ? "" : "s"}` : "";
  return [
    formatOsprofilerTime(trace.startUs),
    trace.traceId,
    formatDurationUs(trace.durationUs, " ").padStart(10),
    (trace.answeredUs === null ? "-" : formatDurationUs(trace.answeredUs, " ")).padStart(10),
    spans.padStart(12),
    errors.padEnd(9),
    sanitizeTerminalText(describeRootRequest(trace), 120),
  ]
    .join("  ")
    .trimEnd();
}
