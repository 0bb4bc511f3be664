// Notifications + what the database holds for them -> everything one transaction writes.
// Pure: lib/db/storeBatch.ts reads `existingSpans`/`existingTraces` for listBatchKeys(...)
// under the batch's locks, calls this, and writes the result; the trace caps count from those
// same rows (createTraceCapGate.ts), so they hold exactly.
import type { Notification } from "../notification/types";
import type { SpanRow } from "../span/types";
import { createTraceCapGate, type TraceCaps, type TraceRefusals } from "./createTraceCapGate";
import { mergeTraceSummaries } from "./mergeTraceSummaries";
import { planSpanWrites } from "./planSpanWrites";
import { planTraceAggregates, type StoredAggregateKeys } from "./planTraceAggregates";
import { planTraceIdentifiers } from "./planTraceIdentifiers";
import { spanKey } from "./spanKey";
import { createTextMap } from "../span/createTextMap";
import type { BatchPlan, TraceSummaryRow } from "./types";

export type BatchKeys = {
  /** [traceId, spanId] of every span the batch touches, once each. */
  spans: [string, string][];
  traceIds: string[];
};

export function listBatchKeys(notifications: readonly Notification[]): BatchKeys {
  const spans = new Map<string, [string, string]>();
  const traceIds = new Set<string>();
  for (const n of notifications) {
    spans.set(spanKey(n.traceId, n.spanId), [n.traceId, n.spanId]);
    traceIds.add(n.traceId);
  }
  return { spans: [...spans.values()], traceIds: [...traceIds] };
}

export function planBatch(
  notifications: readonly Notification[],
  existingSpans: ReadonlyMap<string, SpanRow>,
  existingTraces: ReadonlyMap<string, TraceSummaryRow>,
  nowUs: number,
  caps: TraceCaps = DEFAULT_TRACE_CAPS,
  storedAggregateKeys: StoredAggregateKeys = new Map(),
  halves?: readonly SpanRow[],
): BatchPlan {
  const gate = createTraceCapGate(caps, existingTraces);
  const { changes, ...spans } = planSpanWrites(notifications, existingSpans, gate, halves);
  const traceWrites = mergeTraceSummaries(existingTraces, changes, nowUs);
  if (gate.refusals.size > 0) countRefusals(traceWrites, existingTraces, gate.refusals, nowUs);
  const statementShapes = createTextMap<string>();
  return {
    ...spans,
    traceWrites,
    aggregateWrites: planTraceAggregates(changes, storedAggregateKeys, statementShapes),
    statementShapes,
    identifierWrites: planTraceIdentifiers(changes, traceWrites),
  };
}

/** The caps' defaults (lib/config.ts), for callers that store without a configuration (tests, benchmarks). */
export const DEFAULT_TRACE_CAPS: TraceCaps = { traceMaxSpans: 1_000_000, traceMaxBytes: 1024 ** 3 };

/** Adds what the caps refused to each trace's summary; a trace whose spans were all refused is written for that alone. */
function countRefusals(
  traceWrites: TraceSummaryRow[],
  existingTraces: ReadonlyMap<string, TraceSummaryRow>,
  refusals: ReadonlyMap<string, TraceRefusals>,
  nowUs: number,
): void {
  const byId = new Map(traceWrites.map((t) => [t.traceId, t]));
  for (const [traceId, refused] of refusals) {
    let summary = byId.get(traceId);
    if (!summary) {
      // The gate admits a trace's first span, so a refused trace is stored or in this batch.
      summary = { ...existingTraces.get(traceId)! };
      traceWrites.push(summary);
    }
    summary.droppedSpans += refused.droppedSpans;
    summary.droppedNotifications += refused.droppedNotifications;
    summary.truncated = refused.truncated;
    summary.updatedUs = nowUs;
  }
}
