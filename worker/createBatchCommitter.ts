// Commits one batch of deliveries: store it in one transaction, then ack everything up to its
// last message. On failure the batch is requeued after a backoff pause; only when it keeps
// failing while the database takes writes is it stored message by message, so that one message
// the database refuses cannot poison the queue, and a database outage never quarantines anything.
import type { CollectorCounters } from "../lib/ingest/counters";
import { countBatch } from "../lib/ingest/counters";
import type { QuarantineLog } from "../lib/ingest/createQuarantineLog";
import { createRateLimiter, type RateLimiter } from "../lib/ingest/createRateLimiter";
import type { BatchResult } from "../lib/ingest/types";
import type { Logger } from "../lib/log";
import { backoffDelay, sleep, type Backoff } from "./backoff";
import { convertDeliveriesToBatch } from "./convertDeliveriesToBatch";
import { describeError, type LastError } from "./createLastError";
import { storeOneByOne } from "./storeOneByOne";
import type { CollectorConfig, CollectorStore, Delivery } from "./types";

/** Failed attempts, with the database writable, after which a batch is stored message by message (storeOneByOne.ts). */
const ISOLATE_AFTER_FAILURES = 3;

export type BatchCommitterDeps = {
  config: Pick<CollectorConfig, "quarantineMaxBytes" | "limits">;
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

export function createBatchCommitter(deps: BatchCommitterDeps): (deliveries: Delivery[]) => Promise<void> {
  const { store, log, counters, lastError } = deps;
  let dbFailures = 0;
  /** Failures since the last commit after which the database was found writable: the batch itself may be refused. */
  let failuresWhileWritable = 0;

  const rateLimiter = createRateLimiter(deps.config.limits.ratePerSecond);

  return async function commit(deliveries) {
    // Past the rate limit the batch waits unacknowledged: the prefetch fills and RabbitMQ holds the rest.
    const heldMs = holdMs(rateLimiter, deliveries);
    if (heldMs > 0 && !deps.stopping.aborted) {
      counters.rateLimitedBatches++;
      counters.rateLimitedSeconds += heldMs / 1000;
      await sleep(heldMs, deps.stopping);
    }
    const { batch, entries, ignored, newestUs } = convertDeliveriesToBatch(deliveries, deps.config.quarantineMaxBytes, Date.now() * 1000);
    const quarantined = batch.quarantined;
    const last = deliveries[deliveries.length - 1]!;
    const began = performance.now();
    let result: BatchResult;
    try {
      result = await store.storeBatch(batch);
    } catch (error) {
      counters.batchFailures++;
      dbFailures++;
      lastError.set("database", describeError(error));
      // Only a database that takes writes can be refusing the batch itself. One that is down,
      // read-only or locked is waited for with the batch whole: nothing is split or quarantined.
      const writable = await store.checkWritable().then(
        () => true,
        () => false,
      );
      if (writable) failuresWhileWritable++;
      const isolated =
        writable && failuresWhileWritable >= ISOLATE_AFTER_FAILURES
          ? await storeOneByOne(store, entries, quarantined).catch(() => null)
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
        settle(last, "nack", deps.amqpLog);
        return;
      }
    }
    if (dbFailures > 0) log.info("the database accepts batches again", { afterFailures: dbFailures });
    dbFailures = 0;
    failuresWhileWritable = 0;
    lastError.clear("database");
    settle(last, "ack", deps.amqpLog);

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
      ms: Math.round(seconds * 1000),
    });
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

/** Acks (after commit) or requeues (after a failure) everything up to `last` on its channel. */
function settle(last: Delivery, how: "ack" | "nack", amqpLog: Logger): void {
  const s = last.session;
  if (!s.open) {
    amqpLog.warn("the channel closed before the batch was settled; RabbitMQ redelivers it and duplicates are recognised", { how });
    return;
  }
  try {
    if (how === "ack") s.channel.ack(last.message, true);
    else s.channel.nack(last.message, true, true);
  } catch (error) {
    amqpLog.warn("could not settle a batch; RabbitMQ redelivers it", { how, error: describeError(error) });
  }
}
