// A typed array of numbers (span numbers, mostly) sorted by a comparison, in place. V8's own
// TypedArray.prototype.sort with a comparison copies the array into two work arrays of its length
// (8 bytes an element each) and merge-sorts those: sorting a million span numbers made 16 MB
// more at the moment a big export's plan held everything else (the OSprofiler plan's creation
// order: the export's peak, docs/benchmarks.md §32). This one allocates nothing of the array's
// size: a quicksort (middle of three as pivot, insertion sort below 16 elements), recursing into
// the smaller side only, and a heapsort for any range that splits badly too often (introsort), so
// it stays O(n log n) on any input. Not stable: with a comparison that orders every pair (ties
// broken by a unique number), the result is the one any sort gives.
const SMALL = 16;

type Compare = (a: number, b: number) => number;

/** `maxSplits`: quicksort splits on the way down before a range is heapsorted (tests force the heapsort with 0). */
export function sortInPlace(
  column: Uint32Array | Int32Array,
  compare: Compare,
  maxSplits = 2 * Math.ceil(Math.log2(column.length + 1)),
): void {
  sortFrom(column, compare, maxSplits);
}

/** Quicksort until `depthLeft` splits have been made on the way down, then heapsort. */
function sortFrom(column: Uint32Array | Int32Array, compare: Compare, depthLeft: number): void {
  let lo = 0;
  let hi = column.length;
  while (hi - lo > SMALL) {
    if (depthLeft-- === 0) return heapSort(column, lo, hi, compare);
    const p = partition(column, lo, hi, compare);
    // The smaller side by recursion (its depth stays O(log n)), the larger one by the loop.
    if (p - lo < hi - p - 1) {
      sortFrom(column.subarray(lo, p), compare, depthLeft);
      lo = p + 1;
    } else {
      sortFrom(column.subarray(p + 1, hi), compare, depthLeft);
      hi = p;
    }
  }
  insertionSort(column, lo, hi, compare);
}

/** Hoare-style partition around the middle of three (which also bound both scans); returns the pivot's final place. */
function partition(c: Uint32Array | Int32Array, lo: number, hi: number, compare: Compare): number {
  const mid = lo + ((hi - lo) >> 1);
  const last = hi - 1;
  // Order c[lo], c[mid], c[last]; the middle one is the pivot, parked at last - 1.
  if (compare(c[mid]!, c[lo]!) < 0) swap(c, mid, lo);
  if (compare(c[last]!, c[lo]!) < 0) swap(c, last, lo);
  if (compare(c[last]!, c[mid]!) < 0) swap(c, last, mid);
  swap(c, mid, last - 1);
  const pivot = c[last - 1]!;
  let i = lo;
  let j = last - 1;
  for (;;) {
    while (compare(c[++i]!, pivot) < 0);
    while (compare(pivot, c[--j]!) < 0);
    if (i >= j) break;
    swap(c, i, j);
  }
  swap(c, i, last - 1);
  return i;
}

function insertionSort(c: Uint32Array | Int32Array, lo: number, hi: number, compare: Compare): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = c[i]!;
    let j = i - 1;
    while (j >= lo && compare(c[j]!, v) > 0) {
      c[j + 1] = c[j]!;
      j--;
    }
    c[j + 1] = v;
  }
}

function heapSort(c: Uint32Array | Int32Array, lo: number, hi: number, compare: Compare): void {
  const n = hi - lo;
  const siftDown = (root: number, size: number) => {
    for (;;) {
      let child = 2 * root + 1;
      if (child >= size) return;
      if (child + 1 < size && compare(c[lo + child]!, c[lo + child + 1]!) < 0) child++;
      if (compare(c[lo + root]!, c[lo + child]!) >= 0) return;
      swap(c, lo + root, lo + child);
      root = child;
    }
  };
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(i, n);
  for (let size = n - 1; size > 0; size--) {
    swap(c, lo, lo + size);
    siftDown(0, size);
  }
}

function swap(c: Uint32Array | Int32Array, i: number, j: number): void {
  const t = c[i]!;
  c[i] = c[j]!;
  c[j] = t;
}
