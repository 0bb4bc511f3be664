// The collector: consumes the profiler notifications of every configured exchange from one
// durable queue, stores them in batches (one transaction each) and acknowledges a batch only
// after its commit. Storage is passed in (graphile-worker style), so the same loop runs in
// worker/main.ts, in the integration tests and in the benchmarks (stopWhenDrained).
//
// The parts, each in its own file: the broker loop (runBrokerLoop.ts) hands every delivery to
// the batcher (lib/ingest/createBatcher.ts: when a batch is cut), which hands each batch to the
// committer (createBatchCommitter.ts: store, then ack or requeue); the heartbeat
// (createHeartbeat.ts) writes the collector_status row; stop() below is the graceful shutdown.
// The prefetch lets the next batch fill while one commits (4 x batchSize by default; 4 x
// measured ~30% faster here, as the broker then never waits on an ack to keep us busy).
// Deliveries carried past a busy trace (createBatchCommitter.ts) stay unacknowledged but lead
// the next batch and count in its batchSize, so prefetch >= batchSize (lib/config.ts) still
// lets a batch fill: carrying uses up part of the next batch, never room the prefetch lacks.
// Committed deliveries whose ack waits for a carried one below them are held only within
// prefetch - 2 x batchSize, the room one batch committing and the next one filling leave.
import type { ConsumeMessage } from "amqplib";
import { createBatcher } from "../lib/ingest/createBatcher";
import { createCollectorCounters, type CollectorCounters } from "../lib/ingest/counters";
import { createQuarantineLog } from "../lib/ingest/createQuarantineLog";
import type { Logger } from "../lib/log";
import { DEFAULT_BACKOFF, type Backoff } from "./backoff";
import { createBatchCommitter } from "./createBatchCommitter";
import { createExclusive } from "./createExclusive";
import { createRetention } from "./createRetention";
import { createHeartbeat } from "./createHeartbeat";
import { createLastError } from "./createLastError";
import { decodeOnArrival } from "./decodeOnArrival";
import { deferred } from "./deferred";
import { runBrokerLoop } from "./runBrokerLoop";
import type { BrokerSession, CollectorConfig, CollectorStore, Delivery } from "./types";
import { watchForDrain } from "./watchForDrain";

export type CollectorOptions = {
  config: CollectorConfig;
  store: CollectorStore;
  log: Logger;
  /** Stop by itself once the queue is empty and everything received is committed (benchmarks, tests). */
  stopWhenDrained?: boolean;
  heartbeatMs?: number;
  /** Between retention rounds (worker/createRetention.ts); the first runs at start. */
  retentionIntervalMs?: number;
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
  /** Runs a retention round now, in turn with the batches (tests; it also runs every interval). */
  runRetention(): Promise<void>;
};

export function runCollector(options: CollectorOptions): Collector {
  const { config, store, log } = options;
  const amqpLog = log.child("amqp");
  const counters = createCollectorCounters();
  const quarantineLog = createQuarantineLog(log);
  const lastError = createLastError();
  const stopping = new AbortController();
  const startedUs = Date.now() * 1000;

  const exclusive = createExclusive();
  const committer = createBatchCommitter({
    config,
    store,
    log,
    amqpLog,
    counters,
    quarantineLog,
    lastError,
    dbBackoff: options.dbBackoff ?? DEFAULT_BACKOFF,
    stopping: stopping.signal,
  });
  const batcher = createBatcher<Delivery>({
    batchSize: config.batchSize,
    batchMs: config.batchMs,
    commit: (deliveries) => exclusive(() => committer(deliveries)),
  });
  const retention = store.retention
    ? createRetention({
        store: store.retention,
        limits: config.limits,
        counters,
        log: log.child("retention"),
        exclusive,
        intervalMs: options.retentionIntervalMs ?? 30_000,
        stopping: stopping.signal,
      })
    : null;

  function onMessage(session: BrokerSession, message: ConsumeMessage | null): void {
    if (message === null) {
      void session.close("the broker cancelled the consumer (queue deleted?)");
      return;
    }
    counters.received++;
    const { decoded, half } = decodeOnArrival(message.content, config);
    if ("redactedValues" in decoded) counters.redactedValues += decoded.redactedValues!;
    batcher.add({ message, session, decoded, carries: 0, half });
  }

  const heartbeat = createHeartbeat({
    intervalMs: options.heartbeatMs ?? 2000,
    log,
    write: store.writeStatus,
    async collect(final) {
      const s = broker.current();
      if (s?.open && !final) {
        counters.queueDepth = await s.channel.checkQueue(config.queue).then(
          (q) => q.messageCount,
          () => counters.queueDepth,
        );
      }
      quarantineLog.tick();
      return {
        // A queue name has no "@" (lib/config.ts), so the name after it is unambiguous (describeCollectorHealth.ts).
        id: config.collectorName ? `${config.queue}@${config.collectorName}` : config.queue,
        connected: final ? false : isConnected(),
        ready: final ? false : broker.isReady(),
        startedUs,
        updatedUs: Date.now() * 1000,
        counters: JSON.stringify(counters),
        lastError: lastError.get(),
      };
    },
  });

  const broker = runBrokerLoop({
    config,
    counters,
    lastError,
    log: amqpLog,
    backoff: options.brokerBackoff ?? DEFAULT_BACKOFF,
    stopping: stopping.signal,
    onMessage,
    // Unacked deliveries of a closed channel go back to the queue: forget them here.
    onSessionClosed: (closed) => batcher.discard((delivery) => delivery.session === closed),
    onChange: () => void heartbeat.beat(),
  });

  const isConnected = () => {
    const s = broker.current();
    return s?.open === true && s.consumerTag !== null && !stopping.signal.aborted;
  };

  const endDrainWatch = options.stopWhenDrained
    ? watchForDrain({
        queue: config.queue,
        intervalMs: Math.max(20, Math.min(config.batchMs, 200)),
        session: broker.current,
        isIdle: () => !stopping.signal.aborted && batcher.isIdle(),
        onDrained: () => void stop(),
      })
    : () => undefined;

  const stopped = deferred<void>();
  let stopCalled = false;

  async function stop(): Promise<void> {
    if (stopCalled) return stopped.promise;
    stopCalled = true;
    stopping.abort();
    log.info("stopping: committing and acknowledging what was received");
    const s = broker.current();
    if (s?.open && s.consumerTag) await s.channel.cancel(s.consumerTag).catch(() => undefined);
    await batcher.drain();
    await retention?.stop();
    endDrainWatch();
    quarantineLog.tick(true);
    await broker.current()?.close("stopping");
    await broker.done;
    await heartbeat.final();
    // Every outcome a received message can have, so "received 2126, stored 2100" reads as a cap
    // (droppedByTraceCap: 26) or duplicates, not as a loss. A requeued batch is received again.
    const { received, notificationsStored: stored, duplicates, droppedByTraceCap, quarantined, ignored, batches } = counters;
    log.info("stopped", { received, stored, duplicates, droppedByTraceCap, quarantined, ignored, batches });
    stopped.resolve();
  }

  return {
    counters,
    isConnected,
    whenConsuming: broker.whenConsuming,
    stop,
    done: stopped.promise,
    runRetention: () => retention?.runRound() ?? Promise.resolve(),
  };
}
