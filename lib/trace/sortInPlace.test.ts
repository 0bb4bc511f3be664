import { describe, expect, it } from "vitest";
import { sortInPlace } from "./sortInPlace";

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Sorts span numbers 0..n-1 by key (ties by number) both ways: V8's sort of an array, and sortInPlace. */
function expectSameAsArraySort(keys: readonly number[], maxSplits?: number): void {
  const compare = (a: number, b: number) => keys[a]! - keys[b]! || a - b;
  const expected = Array.from(keys, (_, i) => i).sort(compare);
  const column = new Uint32Array(keys.length);
  const next = random(keys.length);
  // Shuffled first, as a plan's columns come in the database's order.
  for (let i = 0; i < column.length; i++) column[i] = i;
  for (let i = column.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [column[i], column[j]] = [column[j]!, column[i]!];
  }
  sortInPlace(column, compare, maxSplits);
  expect([...column]).toEqual(expected);
}

describe("sortInPlace", () => {
  it("orders as a sort by the same comparison does, at every size around the insertion-sort cut", () => {
    const next = random(1);
    for (const n of [0, 1, 2, 3, 15, 16, 17, 18, 33, 100, 1000, 20_000])
      expectSameAsArraySort(Array.from({ length: n }, () => Math.floor(next() * n)));
  });

  it("orders sorted, reversed, all-equal and two-valued keys (ties broken by number)", () => {
    const n = 5000;
    expectSameAsArraySort(Array.from({ length: n }, (_, i) => i));
    expectSameAsArraySort(Array.from({ length: n }, (_, i) => n - i));
    expectSameAsArraySort(Array.from({ length: n }, () => 7));
    expectSameAsArraySort(Array.from({ length: n }, (_, i) => i % 2));
    // Organ pipe: up then down.
    expectSameAsArraySort(Array.from({ length: n }, (_, i) => Math.min(i, n - i)));
  });

  it("orders by heapsort once the quicksort has split too often", () => {
    const next = random(2);
    for (const maxSplits of [0, 1, 3])
      expectSameAsArraySort(
        Array.from({ length: 3000 }, () => Math.floor(next() * 100)),
        maxSplits,
      );
  });

  it("sorts a subarray in place, leaving the rest, and keys that tie without a tie-break stay sorted by key", () => {
    const column = Int32Array.from([9, 8, 5, 3, 4, 1, 2, 0]);
    sortInPlace(column.subarray(2, 7), (a, b) => a - b);
    expect([...column]).toEqual([9, 8, 1, 2, 3, 4, 5, 0]);
    const byTens = Uint32Array.from({ length: 500 }, (_, i) => (i * 37) % 500);
    sortInPlace(byTens, (a, b) => Math.floor(a / 10) - Math.floor(b / 10));
    for (let i = 1; i < byTens.length; i++) expect(Math.floor(byTens[i - 1]! / 10)).toBeLessThanOrEqual(Math.floor(byTens[i]! / 10));
  });
});
