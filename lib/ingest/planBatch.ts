// Notifications + what the database holds for them -> everything one transaction writes.
// Pure: lib/db/storeBatch.ts reads `existingSpans`/`existingTraces` for listBatchKeys(...)
// under the writer lock, calls this, and writes the result.
import type { Notification } from "../notification/types";
import type { SpanRow } from "../span/types";
import { mergeTraceSummaries } from "./mergeTraceSummaries";
import { planSpanWrites } from "./planSpanWrites";
import { planTraceAggregates, type StoredAggregateKeys } from "./planTraceAggregates";
import { planTraceIdentifiers } from "./planTraceIdentifiers";
import { spanKey } from "./spanKey";
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
  storedAggregateKeys: StoredAggregateKeys = new Map(),
): BatchPlan {
  const { changes, ...spans } = planSpanWrites(notifications, existingSpans);
  const traceWrites = mergeTraceSummaries(existingTraces, changes, nowUs);
  return {
    ...spans,
    traceWrites,
    aggregateWrites: planTraceAggregates(changes, storedAggregateKeys),
    identifierWrites: planTraceIdentifiers(changes, traceWrites),
  };
}
