import { describe, expect, it } from "vitest";
import { createMemoryReclaimer, RECLAIM_EVERY_ROWS, reclaimingPages, reclaimingReads, reclaimNow } from "./reclaimMemory";

describe("createMemoryReclaimer", () => {
  it("collects once the work done since the last collection reaches `every`, then counts again from zero", () => {
    const at: number[] = [];
    let done = 0;
    const reclaim = createMemoryReclaimer(10, () => at.push(done));
    for (const n of [3, 4, 2, 1, 9, 9, 25, 0]) {
      done += n;
      reclaim(n);
    }
    // 3+4+2+1 = 10 -> collect at 10; 9+9 = 18 -> at 28; 25 -> at 53; 0 -> nothing
    expect(at).toEqual([10, 28, 53]);
  });

  it("does nothing when the server cannot collect (no --expose-gc)", () => {
    const reclaim = createMemoryReclaimer(1, undefined);
    expect(() => reclaim(100)).not.toThrow();
  });
});

describe("reclaimingPages", () => {
  it("passes every page through unchanged and in order, collecting after every 3 pages of 2,000 rows", async () => {
    const events: string[] = [];
    async function* pages() {
      for (let i = 0; i < 7; i++) yield [i, i];
    }
    const seen: number[][] = [];
    for await (const page of reclaimingPages(pages(), 2_000, () => events.push(`gc after ${seen.length}`))) seen.push(page);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => [i, i]));
    expect(events).toEqual(["gc after 3", "gc after 6"]);
  });

  it("collects after every page when a page holds RECLAIM_EVERY_ROWS rows", async () => {
    let collections = 0;
    async function* pages() {
      for (let i = 0; i < 4; i++) yield i;
    }
    for await (const page of reclaimingPages(pages(), RECLAIM_EVERY_ROWS, () => collections++)) expect(collections).toBe(page);
    expect(collections).toBe(4);
  });
});

describe("reclaimingReads", () => {
  it("answers each read as the reader does, collecting before the first read, then once RECLAIM_EVERY_ROWS keys have been asked for", () => {
    const collectedBefore: number[] = [];
    let reads = 0;
    const read = reclaimingReads(
      (keys: number[]) => {
        reads++;
        return keys.map((k) => k * 2);
      },
      () => collectedBefore.push(reads),
    );
    const batch = Array.from({ length: 500 }, (_, i) => i);
    for (let i = 0; i < (2 * RECLAIM_EVERY_ROWS) / 500; i++) expect(read(batch)).toEqual(batch.map((k) => k * 2));
    // Before read 0, then when 10 more batches of 500 have been asked for (before read 10).
    expect(collectedBefore).toEqual([0, RECLAIM_EVERY_ROWS / 500]);
  });
});

describe("reclaimNow", () => {
  it("collects once, and does nothing when the server cannot collect", () => {
    let collections = 0;
    reclaimNow(() => collections++);
    expect(collections).toBe(1);
    expect(() => reclaimNow(undefined)).not.toThrow();
  });
});
