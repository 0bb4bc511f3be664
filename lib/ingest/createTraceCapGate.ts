// The per-trace caps (OSTRACE_TRACE_MAX_SPANS, OSTRACE_TRACE_MAX_MB) applied while a batch is
// planned. Counts start from the trace rows read in the batch's own transaction, under the
// writer lock, and follow every span admitted before, so the caps hold exactly however batches
// interleave. Past a cap the span's new half is refused: never an error, only counted on the
// trace. A trace's first span is always admitted, so a refused trace always has a row to say so.
import type { SpanRow } from "../span/types";
import { measureSpanRow } from "./measureSpanRow";
import type { TraceSummaryRow } from "./types";

/** The two fields of OperatorLimits (lib/config.ts) the gate reads. */
export type TraceCaps = { traceMaxSpans: number; traceMaxBytes: number };

/** What one batch refused of one trace. */
export type TraceRefusals = { droppedSpans: number; droppedNotifications: number; truncated: "spans" | "bytes" };

export type TraceCapGate = {
  /** Admits `after` (replacing `before`) or refuses it; a refusal is counted against the trace. */
  admit(before: SpanRow | null, after: SpanRow, notifications: number, starts: number): boolean;
  readonly refusals: ReadonlyMap<string, TraceRefusals>;
};

export function createTraceCapGate(caps: TraceCaps, existing: ReadonlyMap<string, TraceSummaryRow>): TraceCapGate {
  const running = new Map<string, { spans: number; bytes: number }>();
  const refusals = new Map<string, TraceRefusals>();
  return {
    refusals,
    admit(before, after, notifications, starts) {
      let count = running.get(after.traceId);
      if (!count) {
        const stored = existing.get(after.traceId);
        count = { spans: stored?.spanCount ?? 0, bytes: stored?.storedBytes ?? 0 };
        running.set(after.traceId, count);
      }
      const bytes = count.bytes + measureSpanRow(after) - measureSpanRow(before);
      const cap =
        count.spans === 0
          ? null
          : before === null && count.spans >= caps.traceMaxSpans
            ? "spans"
            : bytes > caps.traceMaxBytes
              ? "bytes"
              : null;
      if (cap === null) {
        if (before === null) count.spans++;
        count.bytes = bytes;
        return true;
      }
      const refused = refusals.get(after.traceId) ?? { droppedSpans: 0, droppedNotifications: 0, truncated: cap };
      refused.droppedSpans += starts;
      refused.droppedNotifications += notifications;
      refused.truncated = cap;
      refusals.set(after.traceId, refused);
      return false;
    },
  };
}
