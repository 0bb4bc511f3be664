import type { Trace } from "./types";

// Built on first use and kept per id column: only lookups by id (URL state, collapse sets) need
// it. Keyed by the column, not the trace, so the versions of a trace that share it (clocks
// shifted) share the table. An open-addressing table of positions (an Int32Array, twice the
// spans, rounded up to a power of two) rather than a Map: at a million spans a Map took seconds
// to fill and ~50-80 bytes a span of heap; this takes 8-16 bytes a span and one pass of string
// hashing, which a big trace's chunks pay as they arrive (createSpanIndexBuilder) rather than
// the first lookup on the whole trace (the timeline finding its top row again when the whole
// trace replaces the preview): 360 ms of one task at 1M spans, in Node on a busy machine.
const indexes = new WeakMap<readonly string[], Int32Array>();

/** The position of a span in the trace, or -1 when the trace has no such span. */
export function findSpanIndex(trace: Trace, spanId: string): number {
  let slots = indexes.get(trace.spanId);
  if (!slots) {
    slots = createSlots(trace.size);
    addToSlots(slots, trace.spanId, 0, trace.size);
    indexes.set(trace.spanId, slots);
  }
  const mask = slots.length - 1;
  for (let k = hashId(spanId) & mask; ; k = (k + 1) & mask) {
    const i = slots[k]!;
    if (i < 0) return -1;
    if (trace.spanId[i] === spanId) return i;
  }
}

/**
 * Fills the table of `ids` (a column of `size` entries, written in order) a range at a time, as
 * the column's chunks arrive; `add(from, to)` after positions from..to-1 are written. Once the
 * last position is added, findSpanIndex on a trace with this column uses the table.
 */
export function createSpanIndexBuilder(ids: readonly string[], size: number): { add(from: number, to: number): void } {
  const slots = createSlots(size);
  let added = 0;
  return {
    add(from, to) {
      if (from !== added || to > size) throw new Error(`span index: positions ${from}..${to} after ${added} of ${size}`);
      addToSlots(slots, ids, from, to);
      added = to;
      if (added === size) indexes.set(ids, slots);
    },
  };
}

function createSlots(n: number): Int32Array {
  let size = 2;
  while (size < n * 2) size *= 2;
  return new Int32Array(size).fill(-1);
}

function addToSlots(slots: Int32Array, ids: readonly string[], from: number, to: number): void {
  const mask = slots.length - 1;
  for (let i = from; i < to; i++) {
    let k = hashId(ids[i]!) & mask;
    // The same id twice (not from buildTrace, which keeps one): the later position wins, as a Map's set did.
    while (slots[k]! >= 0 && ids[slots[k]!] !== ids[i]) k = (k + 1) & mask;
    slots[k] = i;
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
