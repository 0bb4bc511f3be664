// Keeps one broker session alive until the collector stops: connect (openBrokerSession.ts),
// consume until the session ends, reconnect. An unreachable broker is retried with backoff and
// one log line per attempt; a session that ends soon after it opened also counts as a failed
// attempt, so a broken setup (e.g. a queue declared with other flags) does not spin.
//
// A cluster (several AMQP_URL): each attempt tries the nodes in turn, starting with the one
// after the node last used, so a lost node costs one failed connect, not a backoff; the backoff
// starts only when no node took us. With a quorum queue any node serves the queue.
//
// A queue the broker refuses as we declare it (describeQueueConflict.ts) is no outage: it is
// said as such, at error level, and checked again only at the backoff's longest interval, so
// the collector neither spins nor needs a restart once the operator deletes the queue (a
// changed OSTRACE_QUEUE_TYPE needs one anyway). It does not exit: under `npm start` or a
// supervisor that would be a restart loop, and the status row could no longer say why.
import type { ConsumeMessage } from "amqplib";
import { redactUrl } from "../lib/config";
import type { CollectorCounters } from "../lib/ingest/counters";
import type { Logger } from "../lib/log";
import { backoffDelay, sleep, type Backoff } from "./backoff";
import { describeError, type LastError } from "./createLastError";
import { deferred } from "./deferred";
import { QueueConflictError } from "./describeQueueConflict";
import { openBrokerSession } from "./openBrokerSession";
import type { BrokerSession, CollectorConfig } from "./types";

/** A session shorter than this that ends counts as a failed attempt, so a broken setup backs off. */
const HEALTHY_SESSION_MS = 10_000;

export type BrokerLoopDeps = {
  config: CollectorConfig;
  /** Scoped to the broker ("worker.amqp"). */
  log: Logger;
  backoff: Backoff;
  /** Aborted when the collector stops: no reconnect after that, and a pending retry wakes at once. */
  stopping: AbortSignal;
  counters: CollectorCounters;
  lastError: LastError;
  onMessage(session: BrokerSession, message: ConsumeMessage | null): void;
  /** The session is over: its unacked deliveries go back to the queue. */
  onSessionClosed(session: BrokerSession): void;
  /** The connection state changed (consuming, lost, unreachable): time for a heartbeat. */
  onChange(): void;
};

export type BrokerLoop = {
  /** The latest session (open or not); null before the first connect. */
  current(): BrokerSession | null;
  /** The queue is declared and bound on the current connection: notifications sent now are kept for us. */
  isReady(): boolean;
  /** Resolves once the collector consumes (after each reconnect it consumes again). */
  whenConsuming(): Promise<void>;
  /** Resolves when the loop has ended (after the collector stopped). */
  done: Promise<void>;
};

export function runBrokerLoop(deps: BrokerLoopDeps): BrokerLoop {
  const { config, log, counters, lastError, stopping } = deps;
  let session: BrokerSession | null = null;
  let ready = false;
  const handlers = {
    onMessage: deps.onMessage,
    onClosed: deps.onSessionClosed,
    onBound() {
      ready = true;
      deps.onChange();
    },
  };
  let everConsumed = false;
  let consuming = deferred<void>();
  const urls = config.amqpUrls;
  /** The node to try first on the next attempt. */
  let nextNode = 0;

  async function openOnSomeNode(): Promise<BrokerSession> {
    if (urls.length === 1) return openBrokerSession(config, urls[0]!, log, handlers);
    const failures: string[] = [];
    for (let i = 0; i < urls.length && !stopping.aborted; i++) {
      const node = (nextNode + i) % urls.length;
      try {
        const s = await openBrokerSession(config, urls[node]!, log, handlers);
        nextNode = (node + 1) % urls.length;
        return s;
      } catch (error) {
        if (error instanceof QueueConflictError) throw error; // the queue is the cluster's: every node says the same
        failures.push(`${redactUrl(urls[node]!)}: ${describeError(error)}`);
        log.warn("broker node unavailable; trying the next", { broker: redactUrl(urls[node]!), error: describeError(error) });
      }
    }
    throw new Error(`no broker node took the connection (${failures.join("; ")})`);
  }

  async function loop(): Promise<void> {
    let attempt = 0;
    while (!stopping.aborted) {
      try {
        const s = await openOnSomeNode();
        if (stopping.aborted) {
          await s.close("stopping");
          break;
        }
        session = s;
        if (everConsumed) counters.reconnects++;
        everConsumed = true;
        lastError.clear("broker");
        lastError.clear("queue");
        log.info("consuming", {
          broker: redactUrl(s.url),
          queue: config.queue,
          queueType: config.queueType,
          exchanges: config.exchanges.length,
          topics: config.topics,
          prefetch: config.prefetch,
          batchSize: config.batchSize,
          batchMs: config.batchMs,
        });
        consuming.resolve();
        deps.onChange();
        const reason = await s.closed;
        ready = false;
        if (stopping.aborted) break;
        consuming = deferred<void>();
        lastError.set("broker", reason);
        attempt = Date.now() - s.openedAt > HEALTHY_SESSION_MS ? 0 : attempt + 1;
        log.warn("lost the broker; reconnecting", { broker: redactUrl(s.url), reason });
        deps.onChange();
        if (attempt > 0) await sleep(backoffDelay(attempt, deps.backoff), stopping);
      } catch (error) {
        ready = false;
        if (stopping.aborted) break;
        if (error instanceof QueueConflictError) {
          const retryInMs = deps.backoff.maxMs;
          lastError.set("queue", error.message);
          log.error(`cannot use queue ${config.queue} as configured (not a broker outage); checking again in ${retryInMs / 1000} s`, {
            queue: config.queue,
            error: error.message,
          });
          deps.onChange();
          await sleep(retryInMs, stopping);
          continue;
        }
        attempt++;
        const retryInMs = backoffDelay(attempt, deps.backoff);
        lastError.set("broker", describeError(error));
        log.warn(`broker unavailable; retrying in ${(retryInMs / 1000).toFixed(1)} s`, {
          broker: urls.map(redactUrl).join(","),
          attempt,
          error: describeError(error),
        });
        deps.onChange();
        await sleep(retryInMs, stopping);
      }
    }
  }

  return {
    current: () => session,
    isReady: () => ready,
    whenConsuming: () => consuming.promise,
    done: loop(),
  };
}
