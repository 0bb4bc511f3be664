// One ingest batch, one transaction: take the locks (the web process's HTTP ingest and, on
// PostgreSQL, other collectors write the same database), read what is stored for the batch's
// spans and traces, plan the merge in memory (lib/ingest/planBatch.ts), write spans, summaries
// and quarantined messages, commit. The caller acknowledges the messages only after this resolves.
//
// SQLite has one writer at a time. PostgreSQL serializes per trace: the writer lock shared, then
// the batch's trace locks (takeKeyLocks.ts), so batches of different traces commit side by side
// and a trace's summary is still merged from exactly what the previous writer committed (READ
// COMMITTED: each statement after the lock sees it). A span belongs to one trace, so its row is
// covered by the trace's lock; detail texts are shared across traces (upsertSpanDetails.ts).
import { DEFAULT_TRACE_CAPS, listBatchKeys, planBatch } from "../ingest/planBatch";
import type { BatchResult, IngestBatch } from "../ingest/types";
import type { Db } from "./client";
import { insertQuarantinedMessages } from "./insertQuarantinedMessages";
import { readAggregateKeys } from "./readAggregateKeys";
import { readSpanRowsByKey } from "./readSpanRowsByKey";
import { readTraceSummaries } from "./readTraceSummaries";
import { upsertSpanRows } from "./upsertSpanRows";
import { insertTraceIdentifiers } from "./insertTraceIdentifiers";
import { upsertTraceAggregates } from "./upsertTraceAggregates";
import { upsertTraceSummaries } from "./upsertTraceSummaries";
import { takeKeyLocks } from "./takeKeyLocks";
import { takeWriteLock } from "./writeLock";

export async function storeBatch(db: Db, batch: IngestBatch, nowUs = Date.now() * 1000, caps = DEFAULT_TRACE_CAPS): Promise<BatchResult> {
  const { prisma, dialect } = db;
  if (batch.notifications.length === 0 && batch.quarantined.length === 0) {
    return {
      notificationsStored: 0,
      duplicates: 0,
      dropped: 0,
      spansCreated: 0,
      spansUpdated: 0,
      outcomes: [],
      quarantined: 0,
      tracesTouched: 0,
    };
  }
  return prisma.$transaction(
    async (tx) => {
      const keys = listBatchKeys(batch.notifications);
      await takeWriteLock(tx, dialect, "shared");
      if (dialect === "postgresql") await takeKeyLocks(tx, "trace", keys.traceIds);
      const existingSpans = await readSpanRowsByKey(tx, dialect, keys.spans);
      const existingTraces = await readTraceSummaries(tx, dialect, keys.traceIds);
      const aggregateKeys = await readAggregateKeys(tx, dialect, keys.traceIds);
      const plan = planBatch(batch.notifications, existingSpans, existingTraces, nowUs, caps, aggregateKeys);
      // Summaries first: on PostgreSQL a span row takes its partition key from its trace's row (upsertSpanRows.ts).
      await upsertTraceSummaries(tx, dialect, plan.traceWrites);
      await upsertSpanRows(tx, dialect, plan.spanWrites);
      await upsertTraceAggregates(tx, dialect, plan.aggregateWrites);
      await insertTraceIdentifiers(tx, dialect, plan.identifierWrites);
      await insertQuarantinedMessages(tx, dialect, batch.quarantined);
      return {
        notificationsStored: plan.notificationsStored,
        duplicates: plan.duplicates,
        dropped: plan.dropped,
        spansCreated: plan.spansCreated,
        spansUpdated: plan.spansUpdated,
        outcomes: plan.outcomes,
        quarantined: batch.quarantined.length,
        tracesTouched: plan.traceWrites.length,
      };
    },
    // A 10,000-message batch on a busy PostgreSQL can take seconds; the defaults (2 s wait, 5 s run) are too tight.
    { maxWait: 60_000, timeout: 120_000 },
  );
}
