// What one ingest step hands the database and gets back. The worker and the HTTP route both
// build an IngestBatch (decoded notifications + quarantined messages) and store it in one
// transaction; the plan says exactly which rows change and what each notification became.
import type { Notification } from "../notification/types";
import type { SpanRow } from "../span/types";
import type { TextMap } from "../span/createTextMap";

/** A message that could not be stored as a notification, kept with the reason instead of lost. */
export type QuarantineRow = {
  receivedUs: number;
  source: "amqp" | "http";
  /** exchange/routing key, or the HTTP element and client */
  origin: string | null;
  reason: string;
  /** The raw body, cut at the configured limit. */
  body: Uint8Array;
  /** Size of the whole original body. */
  bodyBytes: number;
  truncated: boolean;
};

export type IngestBatch = {
  notifications: Notification[];
  quarantined: QuarantineRow[];
  /**
   * Each notification's own half as a span row (convertNotificationToSpanRow), when the caller
   * converted it already: the collector does so as each message arrives, outside the batch's
   * transaction and while the previous batch is in the database. Absent: converted while planning.
   */
  halves?: SpanRow[];
};

/** What became of one notification: it added its half of a span, that half was already stored, or a trace cap refused it. */
export type NotificationOutcome = "stored" | "duplicate" | "dropped";

/** One span touched by a batch: the stored row before (null when new) and after. */
export type SpanChange = { before: SpanRow | null; after: SpanRow };

/** The per-trace summary row (table `trace`); sets are "|a|b|" text so a LIKE can filter them. */
export type TraceSummaryRow = {
  traceId: string;
  startUs: number;
  endUs: number;
  durationUs: number;
  spanCount: number;
  startCount: number;
  stopCount: number;
  errorCount: number;
  services: string;
  projects: string;
  hosts: string;
  rootSpanId: string | null;
  /** When the root span started (its stop while the start is missing). */
  rootStartUs: number | null;
  rootName: string | null;
  rootMethod: string | null;
  rootPath: string | null;
  /** The root's own duration (when the API answered); null until its start and stop both arrived. */
  answeredUs: number | null;
  /** Top-level spans that are HTTP requests (one client command is often several). */
  rootRequests: number;
  updatedUs: number;
  /** What the stored spans weigh (measureSpanRow.ts), held under the byte cap. */
  storedBytes: number;
  /** Spans refused past a trace cap, counted by their start notification. */
  droppedSpans: number;
  droppedNotifications: number;
  /** The cap that refused them; null while nothing was refused. */
  truncated: "spans" | "bytes" | null;
  /** The root request with ids folded ("POST /v2.1/servers"), else the root span's name (lib/span/requestSignature.ts). */
  signature: string | null;
  /** Spans counted into the trace's aggregates: equal to spanCount when they are complete. */
  aggregatedSpans: number;
  /** Ids planned into trace_identifier for this trace (an upper bound), capped by MAX_IDS_PER_TRACE. */
  identifierCount: number;
};

/** What one batch adds to one per-trace sum (table trace_aggregate); count and totalUs may be negative. */
export type TraceAggregateDelta = {
  traceId: string;
  kind: TraceAggregateKind;
  keyHash: string;
  /**
   * The key's text; null when the key was stored before this batch (read under the trace's lock,
   * so its row is there): the upsert only adds to it, and a batch's texts were ~200 KB to send.
   */
  key: string | null;
  count: number;
  totalUs: number;
  maxUs: number;
};

/** "call": per service and span name; "sql": per normalized statement. */
export type TraceAggregateKind = "call" | "sql";

export type BatchCounts = {
  /** Notifications that added a half to a span. */
  notificationsStored: number;
  /** Notifications whose half was already stored (redelivery, duplicate send). */
  duplicates: number;
  /** Notifications refused past a trace cap (OSTRACE_TRACE_MAX_SPANS, OSTRACE_TRACE_MAX_MB). */
  dropped: number;
  spansCreated: number;
  spansUpdated: number;
};

export type BatchPlan = BatchCounts & {
  /** Rows to upsert: every span the batch created or completed, fully merged. */
  spanWrites: SpanRow[];
  traceWrites: TraceSummaryRow[];
  /** Changes to add to the per-trace aggregates (lib/ingest/planTraceAggregates.ts). */
  aggregateWrites: TraceAggregateDelta[];
  /** The normalized shape of each long statement the sums normalized, by its text, for describing new detail texts (upsertSpanDetails.ts). */
  statementShapes: TextMap<string>;
  /** [identifier, traceId] rows to add (lib/ingest/planTraceIdentifiers.ts). */
  identifierWrites: [string, string][];
  /** One per input notification, same order. */
  outcomes: NotificationOutcome[];
};

/** What storing a batch did, as the worker and the HTTP route report it. */
export type BatchResult = BatchCounts & {
  outcomes: NotificationOutcome[];
  quarantined: number;
  tracesTouched: number;
};

/** The worker's heartbeat row (table collector_status), one per queue. */
export type CollectorStatusRow = {
  /** The queue the worker consumes, and `@<OSTRACE_COLLECTOR_NAME>` when it has one. */
  id: string;
  connected: boolean;
  /** The queue is declared and bound on the current broker connection: notifications sent now are kept for the collector. */
  ready: boolean;
  startedUs: number;
  updatedUs: number;
  /** JSON of CollectorCounters. */
  counters: string;
  lastError: string | null;
};
