// The sweep of unnamed span_detail rows takes its turn with the batch commits only to delete: its
// look (a read the delete repeats under the writer lock) must not hold the turn a commit waits for.
// And a round that fails after its spans' delete committed sends the sweep over the table again.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../lib/config";
import { createCollectorCounters } from "../lib/ingest/counters";
import { createLogger } from "../lib/log";
import { createExclusive, type Exclusive } from "./createExclusive";
import { createRetention } from "./createRetention";
import type { RetentionStore } from "./types";

/** A retention over `store` deleting traces older than `retentionDays` (0: none), and its stop. */
function startRetention(store: RetentionStore, exclusive: Exclusive, retentionDays: number) {
  const stopping = new AbortController();
  const retention = createRetention({
    store,
    limits: { ...loadConfig({}).limits, retentionDays, dbMaxBytes: 0, quarantineMaxDays: 0, quarantineMaxBytes: 0 },
    counters: createCollectorCounters(),
    log: createLogger("test", "error", () => undefined),
    exclusive,
    intervalMs: 3_600_000,
    stopping: stopping.signal,
  });
  const stop = async () => {
    stopping.abort();
    await retention.stop();
  };
  return { runRound: () => retention.runRound(), stop };
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
});
