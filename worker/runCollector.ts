// The collector: consumes the profiler notifications of every configured exchange from one
// durable queue, stores them in batches (one transaction each) and acknowledges a batch only
// after its commit. Storage is passed in (graphile-worker style), so the same loop runs in
// worker/main.ts, in the integration tests and in the benchmarks (stopWhenDrained).
//
// Batching adapts to load: a batch is cut when it holds batchSize messages, when its first
// message has waited batchMs, or when the previous commit finishes with a full batch waiting.
// Commits run one at a time, in delivery order, so `ack(last, multiple)` covers exactly the
// committed messages; the prefetch lets the next batch fill meanwhile (4 x batchSize by default;
// 4 x measured ~30% faster here, as the broker then never waits on an ack to keep us busy).
import type { ConsumeMessage } from "amqplib";
import { redactUrl, type Config } from "../lib/config";
import { convertRejectionToQuarantineRow } from "../lib/ingest/convertRejectionToQuarantineRow";
import { countBatch, createCollectorCounters, type CollectorCounters } from "../lib/ingest/counters";
import { createQuarantineLog } from "../lib/ingest/createQuarantineLog";
import { rejectUnstorable } from "../lib/ingest/rejectUnstorable";
import type { BatchResult, CollectorStatusRow, IngestBatch, QuarantineRow } from "../lib/ingest/types";
import type { Logger } from "../lib/log";
import { decodeMessageBody, type Decoded } from "../lib/notification/decodeMessage";
import type { Notification } from "../lib/notification/types";
import { backoffDelay, DEFAULT_BACKOFF, sleep, type Backoff } from "./backoff";
import { deferred, openBrokerSession, type BrokerSession } from "./openBrokerSession";
import { storeOneByOne, type IsolatedEntry } from "./storeOneByOne";

export type CollectorConfig = Pick<
  Config,
  "amqpUrl" | "exchanges" | "topics" | "queue" | "batchSize" | "batchMs" | "prefetch" | "maxNotificationBytes" | "quarantineMaxBytes"
>;

/** Where the collector writes; worker/main.ts binds these to lib/db. */
export type CollectorStore = {
  storeBatch(batch: IngestBatch): Promise<BatchResult>;
  writeStatus(status: CollectorStatusRow): Promise<void>;
};

export type CollectorOptions = {
  config: CollectorConfig;
  store: CollectorStore;
  log: Logger;
  /** Stop by itself once the queue is empty and everything received is committed (benchmarks, tests). */
  stopWhenDrained?: boolean;
  heartbeatMs?: number;
  brokerBackoff?: Backoff;
  dbBackoff?: Backoff;
};

export type Collector = {
  readonly counters: CollectorCounters;
  isConnected(): boolean;
  /** Resolves once the collector consumes (after each reconnect it consumes again). */
  whenConsuming(): Promise<void>;
  /** Graceful stop: no new deliveries, commit and ack what was received, close, write a last heartbeat. */
  stop(): Promise<void>;
  /** Resolves when the collector has stopped. */
  readonly done: Promise<void>;
};

type Item = { message: ConsumeMessage; session: BrokerSession; decoded: Decoded; arrivedAt: number };

/** A session shorter than this that ends counts as a failed attempt, so a broken setup backs off. */
const HEALTHY_SESSION_MS = 10_000;
/** Consecutive failed batches after which a batch is stored message by message (storeOneByOne.ts). */
const ISOLATE_AFTER_FAILURES = 3;

export function runCollector(options: CollectorOptions): Collector {
  const { config, store, log } = options;
  const amqpLog = log.child("amqp");
  const brokerBackoff = options.brokerBackoff ?? DEFAULT_BACKOFF;
  const dbBackoff = options.dbBackoff ?? DEFAULT_BACKOFF;
  const counters = createCollectorCounters();
  const quarantineLog = createQuarantineLog(log);
  const stopSignal = new AbortController();
  const startedUs = Date.now() * 1000;

  let stopping = false;
  /** Set once no more deliveries can come: from then on every pending message is flushed at once. */
  let draining = false;
  let session: BrokerSession | null = null;
  let everConsumed = false;
  let lastError: string | null = null;
  let consuming = deferred<void>();

  // ---- batching ------------------------------------------------------------------------------
  let pending: Item[] = [];
  let committing: Promise<void> | null = null;
  let batchTimer: NodeJS.Timeout | null = null;
  let dbFailures = 0;

  function onMessage(s: BrokerSession, message: ConsumeMessage | null): void {
    if (message === null) {
      void s.close("the broker cancelled the consumer (queue deleted?)");
      return;
    }
    counters.received++;
    let decoded: Decoded;
    try {
      decoded = rejectUnstorable(decodeMessageBody(message.content, config.maxNotificationBytes));
    } catch (error) {
      // Decoding is written not to throw; should it still, the message is quarantined, not lost.
      decoded = { reason: `could not be decoded: ${describe(error)}` };
    }
    pending.push({ message, session: s, decoded, arrivedAt: Date.now() });
    scheduleFlush();
  }

  function scheduleFlush(): void {
    if (committing || pending.length === 0) return;
    const waitedMs = Date.now() - pending[0]!.arrivedAt;
    if (draining || pending.length >= config.batchSize || waitedMs >= config.batchMs) {
      if (batchTimer) clearTimeout(batchTimer);
      batchTimer = null;
      const items = pending.splice(0, config.batchSize);
      committing = commit(items).finally(() => {
        committing = null;
        scheduleFlush();
      });
    } else {
      batchTimer ??= setTimeout(() => {
        batchTimer = null;
        scheduleFlush();
      }, config.batchMs - waitedMs);
    }
  }

  async function commit(items: Item[]): Promise<void> {
    const receivedUs = Date.now() * 1000;
    const notifications: Notification[] = [];
    const entries: IsolatedEntry[] = [];
    const quarantined: QuarantineRow[] = [];
    let ignored = 0;
    let newestUs = -Infinity;
    for (const { message, decoded } of items) {
      const origin = `${message.fields.exchange || "(default exchange)"}/${message.fields.routingKey}`;
      const quarantine = (reason: string) =>
        convertRejectionToQuarantineRow(message.content, reason, { source: "amqp", origin }, config.quarantineMaxBytes, receivedUs);
      if ("traceId" in decoded) {
        notifications.push(decoded);
        entries.push({ notification: decoded, quarantine });
        if (decoded.timestampUs > newestUs) newestUs = decoded.timestampUs;
      } else if ("ignored" in decoded) {
        ignored++;
      } else {
        quarantined.push(quarantine(decoded.reason));
      }
    }
    const last = items[items.length - 1]!;
    const began = performance.now();
    let result: BatchResult;
    try {
      result = await store.storeBatch({ notifications, quarantined });
    } catch (error) {
      counters.batchFailures++;
      dbFailures++;
      lastError = `database: ${describe(error)}`;
      const isolated = dbFailures >= ISOLATE_AFTER_FAILURES && items.length > 1
        ? await storeOneByOne(store.storeBatch, entries, quarantined).catch(() => null)
        : null;
      if (isolated) {
        log.warn("a batch failed repeatedly; stored it message by message and quarantined what the database rejected", {
          rejected: isolated.rejected.length, error: describe(error),
        });
        result = isolated.result;
        quarantined.push(...isolated.rejected);
      } else {
        const retryInMs = stopping ? 0 : backoffDelay(dbFailures, dbBackoff);
        log.error("storing a batch failed; its messages go back to the queue after a pause", {
          error: describe(error), messages: items.length, failures: dbFailures, retryInMs,
        });
        await sleep(retryInMs, stopSignal.signal);
        settle(last, "nack");
        return;
      }
    }
    if (dbFailures > 0) log.info("the database accepts batches again", { afterFailures: dbFailures });
    dbFailures = 0;
    if (lastError?.startsWith("database:")) lastError = null;
    settle(last, "ack");

    const seconds = (performance.now() - began) / 1000;
    counters.batches++;
    counters.batchSecondsSum += seconds;
    counters.batchSecondsMax = Math.max(counters.batchSecondsMax, seconds);
    countBatch(counters, result, ignored);
    if (newestUs > -Infinity) counters.lagSeconds = Math.max(0, Date.now() * 1000 - newestUs) / 1e6;
    for (const row of quarantined) quarantineLog.report(row.reason, row.origin);
    log.debug("batch committed", {
      messages: items.length, stored: result.notificationsStored, duplicates: result.duplicates,
      quarantined: result.quarantined, ignored, spansCreated: result.spansCreated, ms: Math.round(seconds * 1000),
    });
  }

  /** Acks (after commit) or requeues (after a failure) everything up to `last` on its channel. */
  function settle(last: Item, how: "ack" | "nack"): void {
    const s = last.session;
    if (!s.open) {
      amqpLog.warn("the channel closed before the batch was settled; RabbitMQ redelivers it and duplicates are recognised", { how });
      return;
    }
    try {
      if (how === "ack") s.channel.ack(last.message, true);
      else s.channel.nack(last.message, true, true);
    } catch (error) {
      amqpLog.warn("could not settle a batch; RabbitMQ redelivers it", { how, error: describe(error) });
    }
  }

  // ---- the connection ------------------------------------------------------------------------
  const openSession = () =>
    openBrokerSession(config, amqpLog, onMessage, (closed) => {
      // Unacked deliveries of a closed channel go back to the queue: forget them here.
      pending = pending.filter((item) => item.session !== closed);
    });

  async function connectLoop(): Promise<void> {
    let attempt = 0;
    while (!stopping) {
      try {
        const s = await openSession();
        if (stopping) {
          await s.close("stopping");
          break;
        }
        session = s;
        if (everConsumed) counters.reconnects++;
        everConsumed = true;
        if (lastError?.startsWith("broker:")) lastError = null;
        amqpLog.info("consuming", {
          broker: redactUrl(config.amqpUrl), queue: config.queue, exchanges: config.exchanges.length, topics: config.topics,
          prefetch: config.prefetch, batchSize: config.batchSize, batchMs: config.batchMs,
        });
        consuming.resolve();
        void heartbeat();
        const reason = await s.closed;
        if (stopping) break;
        consuming = deferred<void>();
        lastError = `broker: ${reason}`;
        attempt = Date.now() - s.openedAt > HEALTHY_SESSION_MS ? 0 : attempt + 1;
        amqpLog.warn("lost the broker; reconnecting", { reason });
        void heartbeat();
        if (attempt > 0) await sleep(backoffDelay(attempt, brokerBackoff), stopSignal.signal);
      } catch (error) {
        if (stopping) break;
        attempt++;
        const retryInMs = backoffDelay(attempt, brokerBackoff);
        lastError = `broker: ${describe(error)}`;
        amqpLog.warn(`broker unavailable; retrying in ${(retryInMs / 1000).toFixed(1)} s`, {
          broker: redactUrl(config.amqpUrl), attempt, error: describe(error),
        });
        void heartbeat();
        await sleep(retryInMs, stopSignal.signal);
      }
    }
  }

  // ---- heartbeat, drain detection, stop --------------------------------------------------------
  let heartbeatRunning = false;
  let heartbeatAgain = false;
  let lastHeartbeatErrorAt = 0;
  const isConnected = () => session?.open === true && session.consumerTag !== null && !stopping;

  async function heartbeat(final = false): Promise<void> {
    if (heartbeatRunning && !final) {
      heartbeatAgain = true;
      return;
    }
    heartbeatRunning = true;
    try {
      const s = session;
      if (s?.open && !final) {
        counters.queueDepth = await s.channel.checkQueue(config.queue).then((q) => q.messageCount, () => counters.queueDepth);
      }
      quarantineLog.tick();
      await store.writeStatus({
        id: config.queue,
        connected: final ? false : isConnected(),
        startedUs,
        updatedUs: Date.now() * 1000,
        counters: JSON.stringify(counters),
        lastError,
      });
    } catch (error) {
      if (Date.now() - lastHeartbeatErrorAt > 60_000) log.warn("could not write the collector status", { error: describe(error) });
      lastHeartbeatErrorAt = Date.now();
    } finally {
      heartbeatRunning = false;
    }
    if (heartbeatAgain && !final) {
      heartbeatAgain = false;
      await heartbeat();
    }
  }
  const heartbeatTimer = setInterval(() => void heartbeat(), options.heartbeatMs ?? 2000);

  let drainCheckRunning = false;
  const drainTimer = options.stopWhenDrained
    ? setInterval(() => {
        const s = session;
        if (drainCheckRunning || stopping || !s?.open || committing || pending.length > 0) return;
        drainCheckRunning = true;
        s.channel.checkQueue(config.queue).then(
          (q) => {
            // Deliveries sent before the reply were handled before it (frames on a channel are ordered).
            if (q.messageCount === 0 && !committing && pending.length === 0) void stop();
          },
          () => undefined,
        ).finally(() => (drainCheckRunning = false));
      }, Math.max(20, Math.min(config.batchMs, 200)))
    : null;

  const stopped = deferred<void>();
  const loopDone = connectLoop();
  let stopCalled = false;

  async function stop(): Promise<void> {
    if (stopCalled) return stopped.promise;
    stopCalled = true;
    stopping = true;
    log.info("stopping: committing and acknowledging what was received");
    const s = session;
    if (s?.open && s.consumerTag) await s.channel.cancel(s.consumerTag).catch(() => undefined);
    draining = true;
    stopSignal.abort();
    scheduleFlush();
    while (committing || pending.length > 0) {
      if (committing) await committing;
      else scheduleFlush();
    }
    clearInterval(heartbeatTimer);
    if (drainTimer) clearInterval(drainTimer);
    if (batchTimer) clearTimeout(batchTimer);
    quarantineLog.tick(true);
    if (session) await session.close("stopping");
    await loopDone;
    await heartbeat(true);
    log.info("stopped", { received: counters.received, stored: counters.notificationsStored, batches: counters.batches });
    stopped.resolve();
  }

  return {
    counters,
    isConnected,
    whenConsuming: () => consuming.promise,
    stop,
    done: stopped.promise,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
