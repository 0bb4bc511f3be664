import { describe, expect, it } from "vitest";
import { createMemoryReclaimer, reclaimingPages } from "./reclaimMemory";

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
  it("passes every page through unchanged and in order, collecting after every `everyPages` pages", async () => {
    const events: string[] = [];
    async function* pages() {
      for (let i = 0; i < 5; i++) yield [i, i];
    }
    const seen: number[][] = [];
    for await (const page of reclaimingPages(pages(), 2, () => events.push(`gc after ${seen.length}`))) seen.push(page);
    expect(seen).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(events).toEqual(["gc after 2", "gc after 4"]);
  });
});
