// The trace tree's rules over columns, shared by the page's model (buildTrace, over span
// objects) and the OTLP export's plan (planOtlpExport, over typed arrays it fills a page at a
// time), so the two cannot drift apart:
// - a longer parent cycle is cut at its member received first (start, else stop, then span id),
//   flagged CYCLE (a self-parent or an unknown parent is the caller's: it has the ids);
// - a missing start or stop is inferred from the subtree (the first or last timestamp under it),
//   else the parent's start (or the trace's first timestamp, or 0);
// - pre-order, children and roots by inferred start, then stop, then span id.
// Every pass is iterative and linear (plus one sort): a 100k-deep chain needs no recursion.
import { cutParentCycles } from "./cutParentCycles";
import { SpanFlag } from "./types";

export type TraceTreeColumns = {
  /** Each span's parent (its number), -1 for none; cycles are cut here, in place. */
  parentOf: Int32Array;
  /** SpanFlag bits by span; CYCLE is added to a cut member. */
  flagsOf: Uint8Array;
  /** Received times, µs; NaN when that notification never arrived. */
  receivedStart: Float64Array;
  receivedStop: Float64Array;
  /** The span ids of spans a and b compared as texts. */
  compareIds(a: number, b: number): number;
  /** Called once the extents are measured, when the passes before have let ~50 bytes a span go (a streamed export collects there). */
  reclaim?: () => void;
};

export type TraceTreePlan = {
  /** Span numbers in pre-order. */
  order: Int32Array;
  /** Measured extent by span number, µs (missing times inferred). */
  startOf: Float64Array;
  stopOf: Float64Array;
};

export function planTraceTree({ parentOf, flagsOf, receivedStart, receivedStop, compareIds, reclaim }: TraceTreeColumns): TraceTreePlan {
  const m = parentOf.length;
  const receivedAt = (k: number) =>
    Number.isNaN(receivedStart[k]!) ? (Number.isNaN(receivedStop[k]!) ? Infinity : receivedStop[k]!) : receivedStart[k]!;
  cutParentCycles(
    parentOf,
    (a, b) => {
      const ta = receivedAt(a),
        tb = receivedAt(b);
      return ta < tb || (ta === tb && compareIds(a, b) < 0);
    },
    (cut) => (flagsOf[cut]! |= SpanFlag.CYCLE),
  );
  // Measured extents need subtree extremes, which need a tree; any pre-order will do for that.
  const [startOf, stopOf] = measureExtents(receivedStart, receivedStop, parentOf, preorder(parentOf, identityOrder(m)));
  reclaim?.();
  const sorted = identityOrder(m).sort(
    (a, b) => compareNumber(startOf[a]!, startOf[b]!) || compareNumber(stopOf[a]!, stopOf[b]!) || compareIds(a, b),
  );
  return { order: preorder(parentOf, sorted), startOf, stopOf };
}

function identityOrder(m: number): Int32Array {
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  return order;
}

/** Pre-order of the forest given by `parent`, children and roots in the order they have in `sequence`. */
function preorder(parent: Int32Array, sequence: Int32Array): Int32Array {
  const m = parent.length;
  // Children lists as one flat array (CSR), filled in `sequence` order.
  const first = new Int32Array(m + 1);
  let roots = 0;
  for (let k = 0; k < m; k++) {
    const p = parent[k]!;
    if (p < 0) roots++;
    else first[p + 1]!++;
  }
  for (let k = 0; k < m; k++) first[k + 1]! += first[k]!;
  const fill = first.slice(0, m);
  const children = new Int32Array(m - roots);
  const rootList = new Int32Array(roots);
  let r = 0;
  for (const k of sequence) {
    const p = parent[k]!;
    if (p < 0) rootList[r++] = k;
    else children[fill[p]!++] = k;
  }
  const order = new Int32Array(m);
  const stack = new Int32Array(m);
  let top = 0,
    pos = 0;
  for (let i = roots - 1; i >= 0; i--) stack[top++] = rootList[i]!;
  while (top > 0) {
    const k = stack[--top]!;
    order[pos++] = k;
    for (let c = first[k + 1]! - 1; c >= first[k]!; c--) stack[top++] = children[c]!;
  }
  return order;
}

/** Received times, else the subtree's first or last, else the parent's start (or the trace's first). */
function measureExtents(start: Float64Array, stop: Float64Array, parent: Int32Array, order: Int32Array): [Float64Array, Float64Array] {
  const m = parent.length;
  const low = new Float64Array(m).fill(Infinity);
  const high = new Float64Array(m).fill(-Infinity);
  for (let k = 0; k < m; k++) {
    const a = start[k]!,
      b = stop[k]!;
    // NaN compares false: a missing time changes nothing.
    if (a < low[k]!) low[k] = a;
    if (a > high[k]!) high[k] = a;
    if (b < low[k]!) low[k] = b;
    if (b > high[k]!) high[k] = b;
  }
  for (let i = m - 1; i >= 0; i--) {
    const k = order[i]!;
    const p = parent[k]!;
    if (p < 0) continue;
    if (low[k]! < low[p]!) low[p] = low[k]!;
    if (high[k]! > high[p]!) high[p] = high[k]!;
  }
  let first = Infinity;
  for (let k = 0; k < m; k++) if (low[k]! < first) first = low[k]!;
  const startOf = new Float64Array(m);
  const stopOf = new Float64Array(m);
  // Parents first: a span with no timestamp and no timed descendant sits at its parent's start
  // (or the trace's), so that it sorts among its siblings where it will be drawn.
  for (const k of order) {
    const p = parent[k]!;
    startOf[k] = !Number.isNaN(start[k]!)
      ? start[k]!
      : low[k] !== Infinity
        ? low[k]!
        : p >= 0
          ? startOf[p]!
          : first === Infinity
            ? 0
            : first;
    stopOf[k] = !Number.isNaN(stop[k]!) ? stop[k]! : high[k] !== -Infinity ? high[k]! : startOf[k]!;
  }
  return [startOf, stopOf];
}

function compareNumber(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
