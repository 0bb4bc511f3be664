// Retention, run by the collector (README, Retention): every interval, a round of small steps,
// each taking its turn with the batch commits (createExclusive.ts) and the writer lock:
//   0. PostgreSQL: the daily span partitions of the next days are made (lib/db/createSpanPartitions.ts),
//      and any left detached (a crash between a detach and its drop) finished, whatever the limits;
//   1. the quarantine: older than OSTRACE_QUARANTINE_MAX_DAYS, then over OSTRACE_QUARANTINE_MAX_MB, oldest first;
//   2. traces not updated for OSTRACE_RETENTION_DAYS, oldest first;
//   3. the database's size against OSTRACE_DB_MAX_MB (lib/ingest/createSizeBudget.ts), oldest traces first.
//   4. span_detail rows no span names, left by deletes before migration 0013: one pass over the
//      table by id per collector start, SWEEP_STEP_ROWS a step, SWEEP_STEPS_PER_ROUND steps a round
//      (lib/db/sweepUnusedSpanDetails.ts; retention's own deletes take their rows with them).
// Steps 2 and 3 first drop a whole day's span partition when all its traces have gone or expired
// (PostgreSQL, lib/db/dropSpanPartition.ts), and delete rows only when none has.
// What it did is in the collector's counters (collector_status -> /api/status and /metrics),
// also what a step committed before it failed (UnfinishedStepError: a span_detail slice, or the
// drop after a partition's detach), counted once.
import type { OperatorLimits } from "../lib/config";
import type { CollectorCounters } from "../lib/ingest/counters";
import type { DeletedTraces } from "../lib/db/deleteOldestTraces";
import { UnfinishedStepError } from "../lib/db/UnfinishedStepError";
import { createSizeBudget } from "../lib/ingest/createSizeBudget";
import type { Logger } from "../lib/log";
import { describeError } from "./createLastError";
import type { Exclusive } from "./createExclusive";
import type { RetentionStore } from "./types";

/** Spans one step deletes: about what one ingest batch writes, so ingest waits about a batch at most. */
const RETENTION_STEP_SPANS = 10_000;
const QUARANTINE_STEP_ROWS = 1000;
/** span_detail rows a sweep step looks at: two index probes each, outside the turns; a turn and a lock only when some are unnamed. */
const SWEEP_STEP_ROWS = 1000;
/** Sweep steps a round: 10,000 rows every 30 s round (the default interval) covers a million in under an hour. */
const SWEEP_STEPS_PER_ROUND = 10;
const DAY_US = 86_400_000_000;

export type RetentionOptions = {
  store: RetentionStore;
  limits: OperatorLimits;
  counters: CollectorCounters;
  log: Logger;
  exclusive: Exclusive;
  intervalMs: number;
  stopping: AbortSignal;
};

export type Retention = { runRound(): Promise<void>; stop(): Promise<void> };

export function createRetention(options: RetentionOptions): Retention {
  const { store, limits, counters, log, exclusive, stopping } = options;
  const budget = createSizeBudget(limits.dbMaxBytes);
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  /** Where the sweep of unnamed span_detail rows goes on from; null once its pass reached the table's end. */
  let sweepAfterId: number | null = 0;

  async function round(): Promise<void> {
    // A failed round keeps the sweep's place, but for a failed traces step (tracesStep).
    await deleteOldData();
    // Last: a failed sweep step leaves the round's own work counted; it resumes where it stopped.
    if (store.sweepUnusedSpanDetails && !stopping.aborted) await sweep(store.sweepUnusedSpanDetails);
  }

  async function deleteOldData(): Promise<void> {
    const nowUs = Date.now() * 1000;
    const before = {
      traces: counters.retentionTracesDeleted,
      spans: counters.retentionSpansDeleted,
      quarantine: counters.quarantineDeleted,
    };
    if (store.createSpanPartitions) {
      const created = await exclusive(() => store.createSpanPartitions!());
      if (created.length > 0) log.info("span partitions created", { partitions: created });
    }
    // With no limit to delete by, no step below would come to them: one catalog query when there are none.
    if (store.dropDetachedPartitions && !stopping.aborted) await store.dropDetachedPartitions(exclusive, stopping);
    if (limits.quarantineMaxDays > 0 || limits.quarantineMaxBytes > 0) {
      const beforeUs = limits.quarantineMaxDays > 0 ? nowUs - limits.quarantineMaxDays * DAY_US : null;
      const maxBytes = limits.quarantineMaxBytes > 0 ? limits.quarantineMaxBytes : null;
      for (let n = QUARANTINE_STEP_ROWS; n >= QUARANTINE_STEP_ROWS && !stopping.aborted;) {
        n = await exclusive(() => store.trimQuarantine({ beforeUs, maxBytes, maxRows: QUARANTINE_STEP_ROWS }));
        counters.quarantineDeleted += n;
      }
    }
    if (limits.retentionDays > 0) await deleteSteps(nowUs - limits.retentionDays * DAY_US, Infinity);
    if (limits.dbMaxBytes > 0 && !stopping.aborted) {
      const measured = await store.measureSize();
      counters.dbSizeBytes = measured.sizeBytes;
      const excess = budget.excessSpans(measured);
      if (excess > 0) {
        log.warn("the database is over OSTRACE_DB_MAX_MB; deleting the oldest traces", {
          sizeBytes: measured.sizeBytes,
          limitBytes: limits.dbMaxBytes,
          spans: excess,
        });
        await deleteSteps(null, excess);
      }
    } else if (!stopping.aborted) {
      counters.dbSizeBytes = (await store.measureSize()).sizeBytes;
    }
    counters.retentionRuns++;
    counters.retentionLastRunUs = Date.now() * 1000;
    const deleted = {
      traces: counters.retentionTracesDeleted - before.traces,
      spans: counters.retentionSpansDeleted - before.spans,
      quarantined: counters.quarantineDeleted - before.quarantine,
    };
    if (deleted.traces + deleted.spans + deleted.quarantined > 0) log.info("retention deleted old data", deleted);
  }

  async function deleteSteps(beforeUs: number | null, spans: number): Promise<void> {
    for (let left = spans; left > 0 && !stopping.aborted;) {
      const dropped = store.dropSpanPartition ? await counted(store.dropSpanPartition({ beforeUs }, exclusive, stopping)) : null;
      if (dropped) {
        // A partition emptied by row deletes goes with 0 traces and 0 spans: a step all the same.
        log.info("span partition dropped", dropped);
        left -= dropped.spans;
        continue;
      }
      const step = await tracesStep(beforeUs);
      left -= step.spans;
      if (step.spans === 0 && step.traces === 0) break;
    }
  }

  /**
   * One step of deleteOldestTraces. One that failed after its spans' delete committed (in a
   * span_detail slice, or in its commit's answer) leaves rows no span names, anywhere in the
   * table: the sweep passes over it again from its start. No other step leaves such rows: a
   * partition's drop that fails (or step 0's finishing of one) leaves its table detached, listing
   * them, for the next round's step 0; so the sweep keeps its place after those.
   */
  async function tracesStep(beforeUs: number | null): Promise<DeletedTraces> {
    try {
      return await counted(store.deleteOldestTraces({ beforeUs, maxSpans: RETENTION_STEP_SPANS }, exclusive));
    } catch (error) {
      sweepAfterId = 0;
      throw error;
    }
  }

  /** Counts what a step deleted: its result, or what it committed before it failed (then rethrown). */
  async function counted<T extends DeletedTraces | null>(step: Promise<T>): Promise<T> {
    const count = (deleted: DeletedTraces) => {
      counters.retentionTracesDeleted += deleted.traces;
      counters.retentionSpansDeleted += deleted.spans;
    };
    try {
      const deleted = await step;
      if (deleted) count(deleted);
      return deleted;
    } catch (error) {
      if (error instanceof UnfinishedStepError) count(error.deleted);
      throw error;
    }
  }

  async function sweep(step: NonNullable<RetentionStore["sweepUnusedSpanDetails"]>): Promise<void> {
    let deleted = 0;
    for (let n = 0; n < SWEEP_STEPS_PER_ROUND && sweepAfterId !== null && !stopping.aborted; n++) {
      const afterId = sweepAfterId;
      // Not in a turn: the step's look takes none (it decides nothing), its delete does.
      const swept = await step({ afterId, maxRows: SWEEP_STEP_ROWS }, exclusive);
      deleted += swept.deleted;
      sweepAfterId = swept.scanned < SWEEP_STEP_ROWS ? null : swept.lastId;
    }
    if (deleted > 0)
      log.info("span_detail rows no span names deleted", { rows: deleted, pass: sweepAfterId === null ? "done" : "going on" });
  }

  function runRound(): Promise<void> {
    running = running.then(round).catch((error: unknown) => {
      // A failed round (database down) is tried again at the next interval; ingest is not affected.
      log.warn("retention failed; trying again at the next interval", { error: describeError(error) });
    });
    return running;
  }

  function schedule(): void {
    if (stopping.aborted) return;
    timer = setTimeout(() => void runRound().then(schedule), options.intervalMs);
    timer.unref();
  }
  void runRound().then(schedule);

  return {
    runRound,
    async stop() {
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
