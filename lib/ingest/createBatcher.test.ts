import { describe, expect, it } from "vitest";
import { createBatcher, type BatcherClock } from "./createBatcher";

/** A clock that only moves when the test says so; timers run in due order as it passes them. */
function createManualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: BatcherClock = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  return {
    clock,
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
    pendingTimers: () => timers.size,
  };
}

/** Records each batch handed to commit; the test decides when each commit finishes. */
function createCommits<T>() {
  const batches: T[][] = [];
  const finishers: ((carried: T[] | void) => void)[] = [];
  return {
    batches,
    commit: (items: T[]) => {
      batches.push(items);
      return new Promise<T[] | void>((resolve) => finishers.push(resolve));
    },
    running: () => finishers.length,
    /** Finishes the oldest running commit (handing back `carried`) and lets the batcher react. */
    async finish(carried?: T[]) {
      finishers.shift()!(carried);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function setup(batchSize: number, batchMs: number) {
  const time = createManualClock();
  const commits = createCommits<string>();
  const batcher = createBatcher<string>({ batchSize, batchMs, commit: commits.commit, clock: time.clock });
  return { time, commits, batcher };
}

describe("createBatcher", () => {
  it("cuts a batch as soon as it holds batchSize items, without waiting for the clock", () => {
    const { time, commits, batcher } = setup(3, 100);
    batcher.add("a");
    batcher.add("b");
    expect(commits.batches).toEqual([]);
    batcher.add("c");
    expect(commits.batches).toEqual([["a", "b", "c"]]);
    expect(time.pendingTimers()).toBe(0);
  });

  it("commits a partial batch once its first item has waited batchMs, not batchMs after the last", () => {
    const { time, commits, batcher } = setup(10, 100);
    batcher.add("a");
    time.advance(60);
    batcher.add("b");
    time.advance(39);
    expect(commits.batches).toEqual([]);
    time.advance(1);
    expect(commits.batches).toEqual([["a", "b"]]);
    expect(batcher.pendingCount).toBe(0);
  });

  it("runs one commit at a time in arrival order, cutting a full batch waiting the moment the previous commit ends", async () => {
    const { time, commits, batcher } = setup(2, 100);
    for (const item of ["a", "b", "c", "d", "e"]) batcher.add(item);
    time.advance(500);
    expect(commits.batches).toEqual([["a", "b"]]);
    expect(batcher.pendingCount).toBe(3);

    await commits.finish();
    expect(commits.batches).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(commits.running()).toBe(1);
    await commits.finish();
    // "e" has waited longer than batchMs during the commits: cut at once, alone.
    expect(commits.batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    await commits.finish();
    expect(batcher.isIdle()).toBe(true);
  });

  it("gives an item that arrived during a commit only what is left of its batchMs", async () => {
    const { time, commits, batcher } = setup(10, 100);
    batcher.add("a");
    time.advance(100);
    expect(commits.batches).toEqual([["a"]]);
    time.advance(20);
    batcher.add("b");
    time.advance(30);
    await commits.finish();
    time.advance(69);
    expect(commits.batches).toEqual([["a"]]);
    time.advance(1);
    expect(commits.batches).toEqual([["a"], ["b"]]);
  });

  it("on drain commits everything pending without waiting, in batches of batchSize, after the running commit", async () => {
    const { time, commits, batcher } = setup(2, 60_000);
    for (const item of ["a", "b", "c", "d", "e"]) batcher.add(item);
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    await commits.finish();
    expect(commits.batches).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    await commits.finish();
    expect(commits.batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(drained).toBe(false);
    await commits.finish();
    await draining;
    expect(batcher.isIdle()).toBe(true);
    expect(time.pendingTimers()).toBe(0);

    // An item that still comes after the drain (a delivery already on its way) does not wait either.
    batcher.add("f");
    expect(commits.batches.at(-1)).toEqual(["f"]);
  });

  it("on drain cancels the timer of a partial batch and commits it at once", async () => {
    const { time, commits, batcher } = setup(10, 60_000);
    batcher.add("a");
    expect(time.pendingTimers()).toBe(1);
    const draining = batcher.drain();
    expect(time.pendingTimers()).toBe(0);
    expect(commits.batches).toEqual([["a"]]);
    await commits.finish();
    await draining;
  });

  it("resolves a drain at once when nothing is pending", async () => {
    const { commits, batcher } = setup(10, 100);
    await batcher.drain();
    expect(commits.batches).toEqual([]);
  });

  it("puts carried items at the front of the next batch, counted in its batchSize", async () => {
    const { time, commits, batcher } = setup(3, 100);
    for (const item of ["a", "b", "c", "d", "e", "f"]) batcher.add(item);
    expect(commits.batches).toEqual([["a", "b", "c"]]);
    await commits.finish(["b"]);
    expect(commits.batches.at(-1)).toEqual(["b", "d", "e"]);
    expect(batcher.pendingCount).toBe(1);
    await commits.finish();
    time.advance(100);
    expect(commits.batches.at(-1)).toEqual(["f"]);
  });

  it("times a batch of carried items alone from the carry, so they are not retried at once", async () => {
    const { time, commits, batcher } = setup(10, 100);
    batcher.add("a");
    time.advance(100);
    expect(commits.batches).toEqual([["a"]]);
    time.advance(500);
    await commits.finish(["a"]);
    time.advance(99);
    expect(commits.batches).toEqual([["a"]]);
    time.advance(1);
    expect(commits.batches).toEqual([["a"], ["a"]]);
  });

  it("keeps the timing of items that were already waiting when carried ones join them", async () => {
    const { time, commits, batcher } = setup(10, 100);
    batcher.add("a");
    time.advance(100);
    batcher.add("b");
    time.advance(60);
    await commits.finish(["a"]);
    time.advance(39);
    expect(commits.batches).toEqual([["a"]]);
    time.advance(1);
    expect(commits.batches).toEqual([["a"], ["a", "b"]]);
  });

  it("on drain commits carried items too before it resolves", async () => {
    const { commits, batcher } = setup(10, 60_000);
    batcher.add("a");
    batcher.add("b");
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    expect(commits.batches).toEqual([["a", "b"]]);
    await commits.finish(["b"]);
    expect(commits.batches).toEqual([["a", "b"], ["b"]]);
    expect(drained).toBe(false);
    await commits.finish();
    await draining;
    expect(batcher.isIdle()).toBe(true);
  });

  it("forgets the discarded items (a closed channel's deliveries) and commits the rest", () => {
    const { time, commits, batcher } = setup(10, 100);
    for (const item of ["ch1:a", "ch2:b", "ch1:c"]) batcher.add(item);
    batcher.discard((item) => item.startsWith("ch1:"));
    expect(batcher.pendingCount).toBe(1);
    time.advance(100);
    expect(commits.batches).toEqual([["ch2:b"]]);

    batcher.add("ch3:d");
    batcher.discard((item) => item.startsWith("ch3:"));
    expect(time.pendingTimers()).toBe(0);
  });
});
