import { describe, expect, it } from "vitest";
import { SPANS_PER_STEP, type Steps } from "./runSteps";
import { stepSort } from "./stepSort";

function drive(steps: Steps<void>): number {
  let pauses = 0;
  while (!steps.next().done) pauses++;
  return pauses;
}

describe("stepSort", () => {
  it("sorts as one sort does, in steps past one slice, with many equal keys broken by position", () => {
    let a = 11;
    const next = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const n of [0, 1, 5, SPANS_PER_STEP, SPANS_PER_STEP + 1, 3 * SPANS_PER_STEP + 777, 8 * SPANS_PER_STEP]) {
      const keys = Float64Array.from({ length: n }, () => Math.floor(next() * 1000)); // ties everywhere
      const compare = (x: number, y: number) => keys[y]! - keys[x]! || x - y;
      const values = Int32Array.from({ length: n }, (_, i) => i);
      const expected = values.slice().sort(compare);
      const pauses = drive(stepSort(values, compare));
      expect(values).toEqual(expected);
      if (n > SPANS_PER_STEP) expect(pauses).toBeGreaterThanOrEqual(Math.floor(n / SPANS_PER_STEP));
      else expect(pauses).toBe(0);
    }
  });

  it("sorts a subarray in place, leaving the rest of the buffer alone", () => {
    const all = Int32Array.from({ length: 3 * SPANS_PER_STEP }, (_, i) => (i * 7919) % (3 * SPANS_PER_STEP));
    const before = all.slice();
    const part = all.subarray(100, 100 + 2 * SPANS_PER_STEP + 5);
    drive(stepSort(part, (x, y) => x - y));
    expect(Array.from(part)).toEqual(Array.from(before.subarray(100, 100 + 2 * SPANS_PER_STEP + 5)).sort((x, y) => x - y));
    expect(all.subarray(0, 100)).toEqual(before.subarray(0, 100));
    expect(all.subarray(100 + 2 * SPANS_PER_STEP + 5)).toEqual(before.subarray(100 + 2 * SPANS_PER_STEP + 5));
  });
});
