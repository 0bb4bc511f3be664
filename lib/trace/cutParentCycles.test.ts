import { describe, expect, it } from "vitest";
import { cutParentCycles } from "./cutParentCycles";

const byIndex = (a: number, b: number) => a < b;

describe("cutParentCycles", () => {
  it("leaves a forest as it is", () => {
    //   0      3
    //   ├ 1    └ 4
    //   └ 2
    const parent = Int32Array.from([-1, 0, 0, -1, 3]);
    cutParentCycles(parent, byIndex);
    expect([...parent]).toEqual([-1, 0, 0, -1, 3]);
  });

  it("cuts a self-parent and a cycle once each, at the member ranked first, and says where", () => {
    // 0 -> 0 (itself); 3 -> 1 -> 2 -> 3 (a cycle); 4 -> 2 (a branch into the cycle)
    const parent = Int32Array.from([0, 3, 1, 2, 2]);
    const cuts: number[] = [];
    cutParentCycles(parent, byIndex, (k) => cuts.push(k));
    expect(cuts.sort()).toEqual([0, 1]);
    expect([...parent]).toEqual([-1, -1, 1, 2, 2]);
  });

  it("ranks by the caller's order, not by index", () => {
    // 0 -> 1 -> 2 -> 0, with 2 ranked first (e.g. the span received first)
    const rank = [2, 1, 0];
    const parent = Int32Array.from([1, 2, 0]);
    cutParentCycles(parent, (a, b) => rank[a]! < rank[b]!);
    expect([...parent]).toEqual([1, 2, -1]);
  });
});
