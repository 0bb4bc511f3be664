import { describe, expect, it } from "vitest";
import { createOpenNodes } from "./createOpenNodes";

/** Each node's parent position (-1: a root) from a pre-order's child counts, as the printers walk it. */
function parentsOf(childCounts: readonly number[]): number[] {
  const open = createOpenNodes();
  return childCounts.map((children, at) => {
    while (open.deepestDone) open.close();
    open.arrive();
    const parent = open.depth > 0 ? open.positionAt(open.depth - 1) : -1;
    open.open(children, at);
    return parent;
  });
}

describe("createOpenNodes", () => {
  it("finds each node's parent from the pre-order's child counts alone", () => {
    // 0 ─┬ 1 ─┬ 2
    //    │    └ 3
    //    └ 4
    // 5 ── 6 ── 7
    // 8
    expect(parentsOf([2, 2, 0, 0, 0, 1, 1, 0, 0])).toEqual([-1, 0, 1, 1, 0, -1, 5, 6, -1]);
    expect(parentsOf([])).toEqual([]);
    expect(parentsOf([0, 0, 0])).toEqual([-1, -1, -1]);
  });

  it("closes the deepest open nodes first and tells each one's position", () => {
    const open = createOpenNodes();
    open.arrive();
    open.open(1, 10);
    open.arrive();
    open.open(0, 11);
    expect(open.depth).toBe(2);
    expect(open.deepestDone).toBe(true);
    expect(open.close()).toBe(11);
    expect(open.deepestDone).toBe(true);
    expect(open.close()).toBe(10);
    expect(open.deepestDone).toBe(false);
    expect(open.depth).toBe(0);
  });

  it("grows with the depth: a 100k-deep chain", () => {
    const n = 100_000;
    const parents = parentsOf(Array.from({ length: n }, (_, i) => (i < n - 1 ? 1 : 0)));
    expect(parents[0]).toBe(-1);
    expect(parents.every((p, i) => i === 0 || p === i - 1)).toBe(true);
  });

  it("refuses a node after its parent's last child, and a close with nothing open", () => {
    const open = createOpenNodes();
    open.open(0, 0);
    expect(() => open.arrive()).toThrow(/after its parent's last child/);
    open.close();
    expect(() => open.close()).toThrow(/nothing open/);
  });
});
