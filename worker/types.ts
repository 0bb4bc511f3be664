// What the collector's parts share: its configuration, the storage functions it is handed
// (graphile-worker style: worker/main.ts binds them to lib/db, tests and benchmarks pass their
// own), one broker session and one delivery on its way to a batch.
import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";
import type { Config } from "../lib/config";
import type { DeletedTraces } from "../lib/db/deleteOldestTraces";
import type { DroppedPartition } from "../lib/db/dropSpanPartition";
import type { DatabaseSize } from "../lib/db/measureDatabaseSize";
import type { SweptSpanDetails, WriterTurn } from "../lib/db/sweepUnusedSpanDetails";
import type { BatchResult, CollectorStatusRow, IngestBatch } from "../lib/ingest/types";
import type { Decoded } from "../lib/notification/decodeMessage";
import type { SpanRow } from "../lib/span/types";

export type CollectorConfig = Pick<
  Config,
  | "amqpUrls"
  | "exchanges"
  | "topics"
  | "queue"
  | "queueType"
  | "collectorName"
  | "batchSize"
  | "batchMs"
  | "prefetch"
  | "maxNotificationBytes"
  | "quarantineMaxBytes"
  | "maxJsonDepth"
  | "maxJsonItems"
  | "maxStringChars"
  | "limits"
> &
  Partial<Pick<Config, "redaction">>;

/** Where the collector writes. */
export type CollectorStore = {
  /**
   * Stores a batch. `carryable[i]` lets notification i be carried into the next batch when
   * another writer holds its trace (PostgreSQL, lib/db/storeBatch.ts): `carried` lists those
   * indexes, not stored. Without it everything is stored.
   */
  storeBatch(batch: IngestBatch, carryable?: readonly boolean[]): Promise<BatchResult & { carried?: readonly number[] }>;
  writeStatus(status: CollectorStatusRow): Promise<void>;
  /** Resolves when the database takes writes right now: after a failed batch, tells "the database is down" from "the batch is refused". */
  checkWritable(): Promise<void>;
  /** Retention's steps (worker/createRetention.ts); without them the collector runs none. */
  retention?: RetentionStore;
};

export type RetentionStore = {
  measureSize(): Promise<DatabaseSize>;
  /**
   * Its transactions each in `turn`: the traces' step, then the span_detail rows it left unnamed, a slice at a time.
   * A slice that fails throws an UnfinishedStepError (lib/db/UnfinishedStepError.ts) with what the step deleted.
   */
  deleteOldestTraces(options: { beforeUs: number | null; maxSpans: number }, turn: WriterTurn): Promise<DeletedTraces>;
  trimQuarantine(options: { beforeUs: number | null; maxBytes: number | null; maxRows: number }): Promise<number>;
  /** PostgreSQL's daily span partitions (migration 0008): made ahead at every round, and dropped whole once their traces expire. */
  createSpanPartitions?(): Promise<string[]>;
  /**
   * Finishes the daily span partitions left detached (a crash after a detach), every round whatever the limits: their slices each in `turn`.
   * Once `stopping` is aborted it returns between two slices, leaving the table detached for the next round.
   */
  dropDetachedPartitions?(turn: WriterTurn, stopping?: AbortSignal): Promise<void>;
  /**
   * Its transactions each in `turn`: the detach, then the span_detail slices; a failure after the detach throws an UnfinishedStepError, as above.
   * The tables left detached are dropDetachedPartitions' (the round's step 0), not this step's. `stopping` as there.
   */
  dropSpanPartition?(options: { beforeUs: number | null }, turn: WriterTurn, stopping?: AbortSignal): Promise<DroppedPartition | null>;
  /** One step of the sweep of span_detail rows no span names (lib/db/sweepUnusedSpanDetails.ts): only its delete runs in `turn`. */
  sweepUnusedSpanDetails?(options: { afterId: number; maxRows: number }, turn: WriterTurn): Promise<SweptSpanDetails>;
};

/** One connection to RabbitMQ with its consuming channel (worker/openBrokerSession.ts). */
export type BrokerSession = {
  /** The node (one of config.amqpUrls) this session is connected to. */
  url: string;
  connection: ChannelModel;
  channel: Channel;
  consumerTag: string | null;
  open: boolean;
  openedAt: number;
  /** Resolves with the reason once the session is over. */
  closed: Promise<string>;
  /** Ends the session (idempotent) and closes channel and connection. */
  close(reason: string): Promise<void>;
};

/**
 * A message as the batcher holds it: decoded on arrival, acked or requeued on its session; `carries`: batches it was carried past
 * (createBatchCommitter.ts). `half`: a decoded notification's own half as a span row, converted on arrival too (runCollector.ts).
 */
export type Delivery = { message: ConsumeMessage; session: BrokerSession; decoded: Decoded; carries: number; half?: SpanRow | undefined };
