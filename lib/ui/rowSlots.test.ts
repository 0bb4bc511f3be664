import { describe, expect, it } from "vitest";
import { RowSlots } from "./rowSlots";

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

describe("RowSlots", () => {
  it("numbers a first range 0, 1, 2, ...", () => {
    expect(new RowSlots().assign([7, 3, 9])).toEqual([0, 1, 2]);
  });

  it("keeps the slot of every span still mounted, so a row that only moves keeps its elements", () => {
    const slots = new RowSlots();
    const before = slots.assign(range(0, 10));
    // Span 4 collapsed with its 3 descendants 5-7: the rows below move up, new ones come in at the end.
    const spans = [0, 1, 2, 3, 4, 8, 9, 10, 11, 12];
    const after = slots.assign(spans);
    spans.forEach((span, k) => {
      if (span < 10) expect(after[k]).toBe(before[span]);
    });
    // The new spans take the slots of the spans that left (5, 6, 7), not new ones.
    expect(after.slice(7).sort()).toEqual([5, 6, 7]);
  });

  it("reuses the slots of spans that left for the spans that came (a filter)", () => {
    const slots = new RowSlots();
    slots.assign(range(0, 40));
    const after = slots.assign(range(100, 140));
    expect([...after].sort((a, b) => a - b)).toEqual(range(0, 40));
  });

  it("gives distinct slots, within the most rows mounted at once, over any sequence", () => {
    const slots = new RowSlots();
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let most = 0;
    for (let round = 0; round < 500; round++) {
      const first = Math.floor(random() * 200),
        length = Math.floor(random() * 60);
      // Distinct spans in any order, partly overlapping the previous round's.
      const spans = range(first, first + length).filter(() => random() < 0.8);
      most = Math.max(most, spans.length);
      const assigned = slots.assign(spans);
      expect(new Set(assigned).size).toBe(spans.length);
      for (const slot of assigned) expect(slot).toBeLessThan(most);
    }
  });

  it("keeps every slot for the same spans again (a render that changes no row)", () => {
    const slots = new RowSlots();
    const spans = [5, 2, 8, 1];
    const first = slots.assign(spans);
    expect(slots.assign(spans)).toEqual(first);
  });
});
