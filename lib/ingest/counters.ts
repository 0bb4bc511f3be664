// Counters an operator reads on /metrics. The worker keeps CollectorCounters and writes them
// into its collector_status heartbeat row; the web process keeps HttpIngestCounters in memory.
import type { BatchResult } from "./types";

/** What the committed batches did, counted alike by the collector and the HTTP ingest (countBatch). */
type BatchCounters = {
  notificationsStored: number;
  spansCreated: number;
  duplicates: number;
  /** Notifications refused past a trace cap (counted on the trace too). */
  droppedByTraceCap: number;
  quarantined: number;
  ignored: number;
};

function createBatchCounters(): BatchCounters {
  return { notificationsStored: 0, spansCreated: 0, duplicates: 0, droppedByTraceCap: 0, quarantined: 0, ignored: 0 };
}

export type CollectorCounters = BatchCounters & {
  /** Messages delivered by RabbitMQ (each one is acked exactly once, after its batch commits). */
  received: number;
  batches: number;
  batchSecondsSum: number;
  batchSecondsMax: number;
  /** Deliveries left unacknowledged for the next batch because another collector was writing their trace (a delivery counts at each carry). */
  carried: number;
  /** Ack frames sent to RabbitMQ: one per batch, plus one per delivery acked above a carried one. */
  ackFrames: number;
  /** Batches whose transaction failed and whose messages were requeued. */
  batchFailures: number;
  reconnects: number;
  /** Values masked in payloads before storage (a redelivered message counts again). */
  redactedValues: number;
  /** Messages waiting in the queue at the last check; null before the first one. */
  queueDepth: number | null;
  /** Now minus the newest notification timestamp of the last batch (host clocks differ). */
  lagSeconds: number | null;
  /** Batches held back by OSTRACE_RATE_LIMIT (RabbitMQ kept the backlog meanwhile), and for how long in all. */
  rateLimitedBatches: number;
  rateLimitedSeconds: number;
  /** Retention rounds run (worker/createRetention.ts), when the last one ended, and what they deleted. */
  retentionRuns: number;
  retentionLastRunUs: number | null;
  retentionTracesDeleted: number;
  retentionSpansDeleted: number;
  quarantineDeleted: number;
  /** At the last round: SQLite pages in use, or pg_database_size (lib/db/measureDatabaseSize.ts). */
  dbSizeBytes: number | null;
};

export function createCollectorCounters(): CollectorCounters {
  return {
    received: 0,
    ...createBatchCounters(),
    batches: 0,
    batchSecondsSum: 0,
    batchSecondsMax: 0,
    carried: 0,
    ackFrames: 0,
    batchFailures: 0,
    reconnects: 0,
    redactedValues: 0,
    queueDepth: null,
    lagSeconds: null,
    rateLimitedBatches: 0,
    rateLimitedSeconds: 0,
    retentionRuns: 0,
    retentionLastRunUs: null,
    retentionTracesDeleted: 0,
    retentionSpansDeleted: 0,
    quarantineDeleted: 0,
    dbSizeBytes: null,
  };
}

export type HttpIngestCounters = BatchCounters & {
  requests: number;
  /** Requests refused as a whole with a 4xx (bad JSON, wrong type, too large, empty). */
  rejectedRequests: number;
  /** Requests that failed with a 5xx (database unavailable). */
  failedRequests: number;
  /** Requests refused with 429 (OSTRACE_RATE_LIMIT). */
  rateLimitedRequests: number;
  received: number;
  /** Values masked in payloads before storage, received over POST /api/ingest and POST /api/traces/import. */
  redactedValues: number;
  importRedactedValues: number;
};

export function createHttpIngestCounters(): HttpIngestCounters {
  return {
    requests: 0,
    rejectedRequests: 0,
    failedRequests: 0,
    rateLimitedRequests: 0,
    received: 0,
    ...createBatchCounters(),
    redactedValues: 0,
    importRedactedValues: 0,
  };
}

/** Adds what one committed batch did to either kind of counters. */
export function countBatch(counters: BatchCounters, result: BatchResult, ignored: number): void {
  counters.notificationsStored += result.notificationsStored;
  counters.spansCreated += result.spansCreated;
  counters.duplicates += result.duplicates;
  counters.droppedByTraceCap += result.dropped;
  counters.quarantined += result.quarantined;
  counters.ignored += ignored;
}

const holder = globalThis as typeof globalThis & { __ostraceHttpIngestCounters?: HttpIngestCounters };

/** The web process's HTTP ingest counters, shared by the ingest and metrics routes. */
export function getHttpIngestCounters(): HttpIngestCounters {
  holder.__ostraceHttpIngestCounters ??= createHttpIngestCounters();
  return holder.__ostraceHttpIngestCounters;
}
