// The sweep of unnamed span_detail rows takes its turn with the batch commits only to delete: its
// look (a read the delete repeats under the writer lock) must not hold the turn a commit waits for.
// And a round that fails after its spans' delete committed sends the sweep over the table again,
// and counts what that delete took, once; one that fails elsewhere leaves the sweep where it was.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../lib/config";
import { UnfinishedStepError } from "../lib/db/UnfinishedStepError";
import { createCollectorCounters } from "../lib/ingest/counters";
import { createLogger } from "../lib/log";
import { createExclusive, type Exclusive } from "./createExclusive";
import { createRetention } from "./createRetention";
import type { RetentionStore } from "./types";

/** A retention over `store` deleting traces older than `retentionDays` (0: none), and its stop. */
function startRetention(store: RetentionStore, exclusive: Exclusive, retentionDays: number) {
  const stopping = new AbortController();
  const counters = createCollectorCounters();
  const retention = createRetention({
    store,
    limits: { ...loadConfig({}).limits, retentionDays, dbMaxBytes: 0, quarantineMaxDays: 0, quarantineMaxBytes: 0 },
    counters,
    log: createLogger("test", "error", () => undefined),
    exclusive,
    intervalMs: 3_600_000,
    stopping: stopping.signal,
  });
  const stop = async () => {
    stopping.abort();
    await retention.stop();
  };
  return { runRound: () => retention.runRound(), stop, counters };
}

describe("retention's sweep step", () => {
  it("looks outside the writers' turns, and deletes in one", async () => {
    const exclusive = createExclusive();
    let inTurn = false;
    const turns: typeof exclusive = (work) =>
      exclusive(async () => {
        inTurn = true;
        try {
          return await work();
        } finally {
          inTurn = false;
        }
      });
    const looks: boolean[] = [];
    const deletes: boolean[] = [];
    let commitDuringLook = false;
    const store: RetentionStore = {
      measureSize: async () => ({ sizeBytes: 0 }) as Awaited<ReturnType<RetentionStore["measureSize"]>>,
      deleteOldestTraces: async () => ({ traces: 0, spans: 0 }) as Awaited<ReturnType<RetentionStore["deleteOldestTraces"]>>,
      trimQuarantine: async () => 0,
      async sweepUnusedSpanDetails({ afterId, maxRows }, turn) {
        looks.push(inTurn);
        // A batch commit asks for its turn while the look runs: it must not wait for the look.
        let committed = false;
        void turns(async () => {
          committed = true;
        });
        await new Promise((r) => setTimeout(r, 5));
        commitDuringLook ||= committed;
        const deleted = await turn(async () => (deletes.push(inTurn), 1));
        return { scanned: afterId < 2 * maxRows ? maxRows : 0, deleted, lastId: afterId + maxRows };
      },
    };
    const retention = startRetention(store, turns, 0);
    await retention.runRound();
    await retention.stop();
    expect(looks).toEqual([false, false, false]);
    expect(deletes).toEqual([true, true, true]);
    expect(commitDuringLook).toBe(true);
  });

  it("passes over the table again from its start after a round that failed deleting old data", async () => {
    const sweptFrom: number[] = [];
    let failDelete = false;
    const store: RetentionStore = {
      measureSize: async () => ({ sizeBytes: 0 }) as Awaited<ReturnType<RetentionStore["measureSize"]>>,
      async deleteOldestTraces() {
        // As a span_detail slice that fails after the spans' step committed.
        if (failDelete) throw new Error("connection lost");
        return { traces: 0, spans: 0 };
      },
      trimQuarantine: async () => 0,
      async sweepUnusedSpanDetails({ afterId, maxRows }) {
        sweptFrom.push(afterId);
        return { scanned: afterId < maxRows ? maxRows : 0, deleted: 0, lastId: afterId + maxRows };
      },
    };
    // Rounds: the whole pass (0, then the step that reaches the end); none, the pass done; one
    // that fails before its sweep; a new pass.
    const retention = startRetention(store, createExclusive(), 1);
    await retention.runRound();
    await retention.runRound();
    failDelete = true;
    await retention.runRound();
    failDelete = false;
    await retention.runRound();
    await retention.stop();
    expect(sweptFrom).toHaveLength(4);
    expect(sweptFrom).toEqual([0, sweptFrom[1], 0, sweptFrom[1]]);
    expect(sweptFrom[1]).toBeGreaterThan(0);
  });

  it("keeps its place after a round that failed finishing a detached table (step 0) or dropping a partition", async () => {
    const sweptFrom: number[] = [];
    const lost = new Error("connection lost");
    let failing: "leftovers" | "drop" | null = null;
    const store: RetentionStore = {
      measureSize: async () => ({ sizeBytes: 0 }) as Awaited<ReturnType<RetentionStore["measureSize"]>>,
      deleteOldestTraces: async () => ({ traces: 0, spans: 0 }),
      trimQuarantine: async () => 0,
      async dropDetachedPartitions() {
        if (failing === "leftovers") throw lost;
      },
      async dropSpanPartition() {
        // As a slice that fails after the detach committed: the table stays detached, for step 0.
        if (failing === "drop") throw new UnfinishedStepError({ traces: 1, spans: 2 }, lost);
        return null;
      },
      async sweepUnusedSpanDetails({ afterId, maxRows }) {
        sweptFrom.push(afterId);
        // A pass of 25 steps: three rounds' worth (10 steps a round).
        return { scanned: afterId < 24 * maxRows ? maxRows : 0, deleted: 0, lastId: afterId + maxRows };
      },
    };
    // Rounds: 10 steps; step 0 fails; 10 more; a partition's drop fails; the last 5.
    const retention = startRetention(store, createExclusive(), 1);
    await retention.runRound();
    failing = "leftovers";
    await retention.runRound();
    failing = null;
    await retention.runRound();
    failing = "drop";
    await retention.runRound();
    failing = null;
    await retention.runRound();
    await retention.stop();
    expect(sweptFrom).toEqual(Array.from({ length: 25 }, (_, i) => i * 1000));
  });
});

describe("retention's detached partitions", () => {
  it("are finished every round, in the writers' turns, with no limit to delete by", async () => {
    const exclusive = createExclusive();
    const turnsGiven: unknown[] = [];
    const store: RetentionStore = {
      measureSize: async () => ({ sizeBytes: 0 }) as Awaited<ReturnType<RetentionStore["measureSize"]>>,
      deleteOldestTraces: async () => ({ traces: 0, spans: 0 }),
      trimQuarantine: async () => 0,
      async dropDetachedPartitions(turn) {
        turnsGiven.push(turn);
      },
    };
    // No age (retentionDays 0), no size (dbMaxBytes 0), no quarantine limit: no step would delete.
    const retention = startRetention(store, exclusive, 0);
    await retention.runRound();
    await retention.stop();
    // The round at start, then this one.
    expect(turnsGiven).toEqual([exclusive, exclusive]);
  });
});

describe("retention's counters after a step that failed past its commit", () => {
  it("count what the step's committed delete took, once, for a partition's drop and a traces step alike", async () => {
    const lost = new Error("connection lost");
    // Round 1 (the one the retention starts with): a partition's drop fails after its detach (3
    // traces, 40 spans). Round 2: no partition left to drop (the next call finished the detached
    // one: nothing more to count); a traces step fails in its first span_detail slice (2 traces, 7
    // spans). Round 3: nothing fails; a step of 1 trace, 5 spans, then none.
    let drops = 0;
    const steps: (() => Promise<{ traces: number; spans: number }>)[] = [
      async () => {
        throw new UnfinishedStepError({ traces: 2, spans: 7 }, lost);
      },
      async () => ({ traces: 1, spans: 5 }),
    ];
    const store: RetentionStore = {
      measureSize: async () => ({ sizeBytes: 0 }) as Awaited<ReturnType<RetentionStore["measureSize"]>>,
      deleteOldestTraces: () => (steps.shift() ?? (async () => ({ traces: 0, spans: 0 })))(),
      trimQuarantine: async () => 0,
      async dropSpanPartition() {
        if (drops++ === 0) throw new UnfinishedStepError({ traces: 3, spans: 40 }, lost);
        return null;
      },
    };
    const retention = startRetention(store, createExclusive(), 1);
    const seen: [number, number, number][] = [];
    for (let round = 0; round < 2; round++) {
      await retention.runRound();
      const c = retention.counters;
      seen.push([c.retentionTracesDeleted, c.retentionSpansDeleted, c.retentionRuns]);
    }
    await retention.stop();
    // After rounds 1 and 2 (both failed), then 3.
    expect(seen).toEqual([
      [3 + 2, 40 + 7, 0],
      [3 + 2 + 1, 40 + 7 + 5, 1],
    ]);
  });

  it("leaves a failure that committed nothing uncounted", async () => {
    const store: RetentionStore = {
      measureSize: async () => ({ sizeBytes: 0 }) as Awaited<ReturnType<RetentionStore["measureSize"]>>,
      async deleteOldestTraces() {
        throw new Error("connection lost");
      },
      trimQuarantine: async () => 0,
    };
    const retention = startRetention(store, createExclusive(), 1);
    await retention.runRound();
    await retention.stop();
    expect(retention.counters).toMatchObject({ retentionTracesDeleted: 0, retentionSpansDeleted: 0, retentionRuns: 0 });
  });
});
