// What the trace page and the list say about a trace that reached a cap (lib/ingest/createTraceCapGate.ts).
// The cap's value is the one configured now; it may have been another when the spans were refused.
import type { TraceListItem } from "../trace/traceList";

type Caps = { traceMaxSpans: number; traceMaxBytes: number };

/** "12,345 spans not stored: trace cap of 1,000,000 spans reached"; null for a whole trace. */
export function describeTruncation(item: Pick<TraceListItem, "droppedSpans" | "truncated">, caps: Caps): string | null {
  if (item.truncated === null) return null;
  const cap =
    item.truncated === "spans"
      ? `trace cap of ${caps.traceMaxSpans.toLocaleString("en")} spans (OSTRACE_TRACE_MAX_SPANS)`
      : `trace cap of ${(caps.traceMaxBytes / 1024 / 1024).toLocaleString("en")} MiB (OSTRACE_TRACE_MAX_MB)`;
  const spans =
    item.droppedSpans === 0 ? "Span halves" : `${item.droppedSpans.toLocaleString("en")} span${item.droppedSpans === 1 ? "" : "s"}`;
  return `${spans} not stored: ${cap} reached`;
}
