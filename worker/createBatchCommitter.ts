// Commits one batch of deliveries: store it in one transaction, then ack everything up to its
// last message. On failure the batch is requeued after a backoff pause; only when it keeps
// failing while the database takes writes is it stored message by message, so that one message
// the database refuses cannot poison the queue, and a database outage never quarantines anything.
//
// On PostgreSQL the store may leave out the notifications of traces another collector is
// writing (lib/db/storeBatch.ts): their deliveries stay unacknowledged on their channel and
// are handed back to the batcher, which puts them in front of the next batch, where their
// locks are tried again. After MAX_CARRIES carries, or once the collector stops, a delivery's
// trace is waited for, so nothing starves and a stop leaves nothing in hand. The acks skip the
// carried deliveries (lib/ingest/planAcks.ts); they are never nacked (a quorum queue's
// delivery-limit counts requeues). The committed deliveries above a carried one are held
// unacknowledged for a later batch's multiple ack, within the prefetch room that one batch in
// commit and the next one filling leave (prefetch - 2 x batchSize), else acked one by one. A
// carried or held delivery whose channel closed is dropped: RabbitMQ redelivers it, to this
// collector after the reconnect or to another (a held one is then a recognised duplicate).
import type { CollectorCounters } from "../lib/ingest/counters";
import { countBatch } from "../lib/ingest/counters";
import type { QuarantineLog } from "../lib/ingest/createQuarantineLog";
import { createRateLimiter, type RateLimiter } from "../lib/ingest/createRateLimiter";
import { planAcks } from "../lib/ingest/planAcks";
import { takesWrites } from "../lib/ingest/storeEachAlone";
import type { BatchResult } from "../lib/ingest/types";
import type { Logger } from "../lib/log";
import { backoffDelay, sleep, type Backoff } from "./backoff";
import { convertDeliveriesToBatch } from "./convertDeliveriesToBatch";
import { describeError, type LastError } from "./createLastError";
import { storeOneByOne } from "./storeOneByOne";
import type { CollectorConfig, CollectorStore, Delivery } from "./types";

/** Failed attempts, with the database writable, after which a batch is stored message by message (storeOneByOne.ts). */
const ISOLATE_AFTER_FAILURES = 3;

/** Batches a delivery may be carried past before its trace is waited for. */
const MAX_CARRIES = 3;

export type BatchCommitterDeps = {
  config: Pick<CollectorConfig, "quarantineMaxBytes" | "limits" | "prefetch" | "batchSize">;
  store: CollectorStore;
  log: Logger;
  amqpLog: Logger;
  counters: CollectorCounters;
  quarantineLog: QuarantineLog;
  lastError: LastError;
  dbBackoff: Backoff;
  /** Aborted when the collector stops: a failed batch is then requeued without a pause. */
  stopping: AbortSignal;
};

/** Commits a batch; resolves with the deliveries carried into the next one. */
export function createBatchCommitter(deps: BatchCommitterDeps): (deliveries: Delivery[]) => Promise<Delivery[]> {
  const { store, log, counters, lastError } = deps;
  let dbFailures = 0;
  /** Failures since the last commit after which the database was found writable: the batch itself may be refused. */
  let failuresWhileWritable = 0;

  const rateLimiter = createRateLimiter(deps.config.limits.ratePerSecond);
  const holdLimit = Math.max(0, deps.config.prefetch - 2 * deps.config.batchSize);
  /** Committed deliveries not acked yet because a carried one below them was still out. */
  let held: Delivery[] = [];

  return async function commit(deliveries) {
    // Past the rate limit the batch waits unacknowledged: the prefetch fills and RabbitMQ holds the rest.
    // Carried deliveries were charged when they first came.
    const heldMs = holdMs(
      rateLimiter,
      deliveries.filter((d) => d.carries === 0),
    );
    if (heldMs > 0 && !deps.stopping.aborted) {
      counters.rateLimitedBatches++;
      counters.rateLimitedSeconds += heldMs / 1000;
      await sleep(heldMs, deps.stopping);
    }
    const { batch, isolate, ignored, sources, newestUs } = convertDeliveriesToBatch(
      deliveries,
      deps.config.quarantineMaxBytes,
      Date.now() * 1000,
    );
    const quarantined = batch.quarantined;
    const began = performance.now();
    const carryable = deps.stopping.aborted ? [] : sources.map((d) => deliveries[d]!.carries < MAX_CARRIES);
    let result: BatchResult;
    let carried: Delivery[] = [];
    try {
      const stored = await store.storeBatch(batch, carryable);
      result = stored;
      carried = (stored.carried ?? []).map((i) => deliveries[sources[i]!]!);
    } catch (error) {
      counters.batchFailures++;
      dbFailures++;
      lastError.set("database", describeError(error));
      // Only a database that takes writes can be refusing the batch itself. One that is down,
      // read-only or locked is waited for with the batch whole: nothing is split or quarantined.
      const writable = await takesWrites(store);
      if (writable) failuresWhileWritable++;
      const isolated =
        writable && failuresWhileWritable >= ISOLATE_AFTER_FAILURES
          ? await storeOneByOne(store, isolate(), quarantined).catch(() => null)
          : null;
      if (isolated) {
        log.warn("a batch failed repeatedly; stored it message by message and quarantined what the database rejected", {
          rejected: isolated.rejected.length,
          error: describeError(error),
        });
        result = isolated.result;
        quarantined.push(...isolated.rejected);
      } else {
        const retryInMs = deps.stopping.aborted ? 0 : backoffDelay(dbFailures, deps.dbBackoff);
        log.error("storing a batch failed; its messages go back to the queue after a pause", {
          error: describeError(error),
          databaseWritable: writable,
          messages: deliveries.length,
          failures: dbFailures,
          retryInMs,
        });
        await sleep(retryInMs, deps.stopping);
        // The held ones are committed: acked first, or the multiple nack would requeue them.
        ackEach(held, counters, deps.amqpLog);
        held = [];
        requeue(deliveries, deps.amqpLog);
        return [];
      }
    }
    if (dbFailures > 0) log.info("the database accepts batches again", { afterFailures: dbFailures });
    dbFailures = 0;
    failuresWhileWritable = 0;
    lastError.clear("database");
    held = ackCommitted([...held, ...deliveries], new Set(carried), holdLimit, counters, deps.amqpLog);
    counters.carried += carried.length;

    const seconds = (performance.now() - began) / 1000;
    counters.batches++;
    counters.batchSecondsSum += seconds;
    counters.batchSecondsMax = Math.max(counters.batchSecondsMax, seconds);
    countBatch(counters, result, ignored);
    if (newestUs > -Infinity) counters.lagSeconds = Math.max(0, Date.now() * 1000 - newestUs) / 1e6;
    for (const row of quarantined) deps.quarantineLog.report(row.reason, row.origin);
    log.debug("batch committed", {
      messages: deliveries.length,
      stored: result.notificationsStored,
      duplicates: result.duplicates,
      quarantined: result.quarantined,
      ignored,
      spansCreated: result.spansCreated,
      carried: carried.length,
      ms: Math.round(seconds * 1000),
    });
    // The carried deliveries of a closed channel are redelivered by RabbitMQ: not ours any more.
    return carried.filter((d) => d.session.open).map((d) => ({ ...d, carries: d.carries + 1 }));
  };
}

/** Charges each exchange (the source) for its messages; the longest wait holds the whole batch. */
function holdMs(limiter: RateLimiter, deliveries: readonly Delivery[]): number {
  const perExchange = new Map<string, number>();
  for (const { message } of deliveries) perExchange.set(message.fields.exchange, (perExchange.get(message.fields.exchange) ?? 0) + 1);
  const now = Date.now();
  let wait = 0;
  for (const [exchange, count] of perExchange) wait = Math.max(wait, limiter.charge(exchange, count, now));
  return wait;
}

/** Requeues (after a failure) every delivery of the batch, carried ones included, with one nack per channel. */
function requeue(deliveries: readonly Delivery[], amqpLog: Logger): void {
  for (const [s, list] of groupBySession(deliveries)) {
    if (!s.open) {
      amqpLog.warn("the channel closed before the batch was requeued; RabbitMQ redelivers it");
      continue;
    }
    const newest = list.reduce((a, b) => (b.message.fields.deliveryTag > a.message.fields.deliveryTag ? b : a));
    try {
      s.channel.nack(newest.message, true, true);
    } catch (error) {
      amqpLog.warn("could not requeue a batch; RabbitMQ redelivers it", { error: describeError(error) });
    }
  }
}

function groupBySession(deliveries: readonly Delivery[]): Map<Delivery["session"], Delivery[]> {
  const bySession = new Map<Delivery["session"], Delivery[]>();
  for (const d of deliveries) {
    const list = bySession.get(d.session);
    if (list) list.push(d);
    else bySession.set(d.session, [d]);
  }
  return bySession;
}

/**
 * Acks the committed deliveries (this batch's and those held before) on their channels, leaving
 * the carried ones unacknowledged; returns those it holds for a later batch.
 */
function ackCommitted(
  deliveries: readonly Delivery[],
  carried: ReadonlySet<Delivery>,
  holdLimit: number,
  counters: CollectorCounters,
  amqpLog: Logger,
): Delivery[] {
  const held: Delivery[] = [];
  for (const [s, list] of groupBySession(deliveries)) {
    if (!s.open) {
      amqpLog.warn("the channel closed before the batch was acknowledged; RabbitMQ redelivers it and duplicates are recognised", {
        messages: list.length,
      });
      continue;
    }
    const plan = planAcks(
      list,
      (d) => d.message.fields.deliveryTag,
      (d) => carried.has(d),
      holdLimit - held.length,
    );
    try {
      if (plan.upTo) s.channel.ack(plan.upTo.message, true);
      for (const d of plan.each) s.channel.ack(d.message, false);
      counters.ackFrames += (plan.upTo ? 1 : 0) + plan.each.length;
      held.push(...plan.hold);
    } catch (error) {
      amqpLog.warn("could not acknowledge a batch; RabbitMQ redelivers it", { error: describeError(error) });
    }
  }
  return held;
}

/** Acks each of `deliveries` alone (those of closed channels are redelivered anyway). */
function ackEach(deliveries: readonly Delivery[], counters: CollectorCounters, amqpLog: Logger): void {
  for (const d of deliveries) {
    if (!d.session.open) continue;
    try {
      d.session.channel.ack(d.message, false);
      counters.ackFrames++;
    } catch (error) {
      amqpLog.warn("could not acknowledge a committed delivery; RabbitMQ redelivers it", { error: describeError(error) });
    }
  }
}
