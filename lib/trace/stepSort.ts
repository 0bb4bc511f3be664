// Sorting in steps: one comparator sort of a million positions is a long task of its own (~0.5 s
// in a browser), so slices of SPANS_PER_STEP are sorted on their own, then merged pairwise, a
// slice of output per step. `compare` must be a total order (ties broken, e.g. by position): the
// result is then exactly what one sort of the whole array gives.
import { SPANS_PER_STEP, type Steps } from "./runSteps";

/** Sorts `values` in place, yielding after each slice of work. */
export function* stepSort(values: Int32Array, compare: (a: number, b: number) => number): Steps<void> {
  const n = values.length;
  if (n <= SPANS_PER_STEP) {
    values.sort(compare);
    return;
  }
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    if (from > 0) yield;
    values.subarray(from, Math.min(n, from + SPANS_PER_STEP)).sort(compare);
  }
  let sorted: Int32Array = values,
    other: Int32Array = new Int32Array(n);
  let written = 0;
  for (let width = SPANS_PER_STEP; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width),
        hi = Math.min(n, lo + 2 * width);
      let l = lo,
        r = mid;
      for (let k = lo; k < hi; k++) {
        if (++written % SPANS_PER_STEP === 0) yield;
        other[k] = r >= hi || (l < mid && compare(sorted[l]!, sorted[r]!) <= 0) ? sorted[l++]! : sorted[r++]!;
      }
    }
    [sorted, other] = [other, sorted];
  }
  if (sorted !== values) values.set(sorted);
}
