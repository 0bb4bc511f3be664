// One ingest batch: take the locks (the web process's HTTP ingest and, on PostgreSQL, other
// collectors write the same database), read what is stored for the batch's spans and traces,
// plan the merge in memory (lib/ingest/planBatch.ts), write summaries, spans and quarantined
// messages, commit. The caller acknowledges the messages only after this resolves.
//
// SQLite has one writer at a time: one transaction. PostgreSQL serializes per trace: the writer
// lock shared, then the batch's trace locks, so batches of different traces commit side by side
// and a trace's summary is still merged from exactly what the previous writer committed (READ
// COMMITTED: each statement after the lock sees it). A span belongs to one trace, so its row is
// covered by the trace's lock; detail texts are shared across traces (upsertSpanDetails.ts).
//
// Collectors on one queue get batches that share most of the traces in flight, so waiting for
// all of a batch's trace locks at once made a second collector wait for most of the first's
// transaction (measured: 38-49% of in-transaction time, docs/benchmarks.md). So PostgreSQL
// stores a batch in two transactions: first the traces whose locks are free right now
// (tryKeyLocks.ts, no waiting), then the rest, waiting for their locks (takeKeyLocks.ts). A
// trace's notifications of the batch all go in one of the two, so each trace is still merged
// whole and exactly; the batch is acked after both commit, and should the second fail, the
// redelivered batch's first part is recognized as duplicates, as after any redelivery.
// A collector waits for fewer still (storeBatchCarrying): the traces another writer holds are
// not stored at all but carried, unacknowledged, into its next batch, where their locks are
// tried again; only a trace carried too often is waited for (lib/ingest/splitByTraceLocks.ts).
import { DEFAULT_TRACE_CAPS, listBatchKeys, planBatch } from "../ingest/planBatch";
import { splitByTraceLocks, type TraceLockSplit } from "../ingest/splitByTraceLocks";
import { sumBatchResults } from "../ingest/sumBatchResults";
import type { BatchResult, IngestBatch, NotificationOutcome } from "../ingest/types";
import type { Db } from "./client";
import { insertQuarantinedMessages } from "./insertQuarantinedMessages";
import { readAggregateKeys } from "./readAggregateKeys";
import { readSpanRowsByKey } from "./readSpanRowsByKey";
import { readTraceSummaries } from "./readTraceSummaries";
import type { SqlRunner } from "./sql";
import { upsertSpanRows } from "./upsertSpanRows";
import { insertTraceIdentifiers } from "./insertTraceIdentifiers";
import { upsertTraceAggregates } from "./upsertTraceAggregates";
import { upsertTraceSummaries } from "./upsertTraceSummaries";
import { takeKeyLocks } from "./takeKeyLocks";
import { tryKeyLocks } from "./tryKeyLocks";
import { takeWriteLock } from "./writeLock";

type TraceCaps = typeof DEFAULT_TRACE_CAPS;

// A 10,000-message batch on a busy PostgreSQL can take seconds; the defaults (2 s wait, 5 s run) are too tight.
const TRANSACTION = { maxWait: 60_000, timeout: 120_000 };

export async function storeBatch(db: Db, batch: IngestBatch, nowUs = Date.now() * 1000, caps = DEFAULT_TRACE_CAPS): Promise<BatchResult> {
  return (await storeBatchCarrying(db, batch, [], nowUs, caps)).result;
}

/**
 * storeBatch for a collector that may carry notifications (`carryable[i]`) whose trace another
 * writer holds into its next batch instead of waiting: `carried` lists their indexes, not
 * stored, and `result` covers the others (outcomes in batch order without the carried ones).
 */
export async function storeBatchCarrying(
  db: Db,
  batch: IngestBatch,
  carryable: readonly boolean[],
  nowUs = Date.now() * 1000,
  caps = DEFAULT_TRACE_CAPS,
): Promise<{ result: BatchResult; carried: number[] }> {
  const { prisma, dialect } = db;
  if (batch.notifications.length === 0 && batch.quarantined.length === 0) return { result: sumBatchResults([]), carried: [] };
  if (dialect === "sqlite") {
    const result = await prisma.$transaction(async (tx) => {
      await takeWriteLock(tx, dialect, "shared");
      return writeBatch(db, tx, batch, nowUs, caps);
    }, TRANSACTION);
    return { result, carried: [] };
  }
  let split: TraceLockSplit = { now: [], wait: [], carry: [] };
  const pick = (indexes: readonly number[]): Pick<IngestBatch, "notifications" | "halves"> => ({
    notifications: indexes.map((i) => batch.notifications[i]!),
    ...(batch.halves ? { halves: indexes.map((i) => batch.halves![i]!) } : {}),
  });
  const first = await prisma.$transaction(async (tx) => {
    await takeWriteLock(tx, dialect, "shared");
    const free = await tryKeyLocks(tx, "trace", listBatchKeys(batch.notifications).traceIds);
    split = splitByTraceLocks(
      batch.notifications.map((n) => n.traceId),
      free,
      carryable,
    );
    return writeBatch(db, tx, { ...pick(split.now), quarantined: batch.quarantined }, nowUs, caps);
  }, TRANSACTION);
  if (split.wait.length === 0) return { result: first, carried: split.carry };
  const later = pick(split.wait);
  const second = await prisma.$transaction(async (tx) => {
    await takeWriteLock(tx, dialect, "shared");
    await takeKeyLocks(tx, "trace", listBatchKeys(later.notifications).traceIds);
    return writeBatch(db, tx, { ...later, quarantined: [] }, nowUs, caps);
  }, TRANSACTION);
  // Outcomes in the batch's order, one per stored notification.
  const byIndex = new Map<number, NotificationOutcome>();
  split.now.forEach((at, i) => byIndex.set(at, first.outcomes[i]!));
  split.wait.forEach((at, i) => byIndex.set(at, second.outcomes[i]!));
  const outcomes = [...byIndex.keys()].sort((a, b) => a - b).map((at) => byIndex.get(at)!);
  return { result: { ...sumBatchResults([first, second]), outcomes }, carried: split.carry };
}

/** Reads, plans and writes `batch` in `tx`, which holds the locks of all its traces. */
async function writeBatch(db: Db, tx: SqlRunner, batch: IngestBatch, nowUs: number, caps: TraceCaps): Promise<BatchResult> {
  const { dialect } = db;
  const keys = listBatchKeys(batch.notifications);
  const existingSpans = await readSpanRowsByKey(tx, dialect, keys.spans);
  const existingTraces = await readTraceSummaries(tx, dialect, keys.traceIds);
  const aggregateKeys = await readAggregateKeys(tx, dialect, keys.traceIds);
  const plan = planBatch(batch.notifications, existingSpans, existingTraces, nowUs, caps, aggregateKeys, batch.halves);
  // Summaries first: on PostgreSQL a span row takes its partition key from its trace's row (upsertSpanRows.ts).
  await upsertTraceSummaries(tx, dialect, plan.traceWrites);
  await upsertSpanRows(tx, dialect, plan.spanWrites, plan.statementShapes);
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
}
