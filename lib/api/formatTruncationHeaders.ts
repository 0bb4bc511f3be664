// Headers of GET /api/traces/{id} (on the 200 and the 304) for a trace that reached a cap
// (lib/ingest/createTraceCapGate.ts): the compact trace holds only what was stored, and these
// say what was not. Absent on a whole trace.
import type { TraceListItem } from "../trace/traceList";

export function formatTruncationHeaders(summary: Pick<TraceListItem, "droppedSpans" | "truncated">): Record<string, string> {
  if (summary.truncated === null) return {};
  return { "x-ostrace-truncated": summary.truncated, "x-ostrace-dropped-spans": String(summary.droppedSpans) };
}
