import type { Trace } from "./types";

// Built on first use and kept per trace: only lookups by id (URL state, collapse sets) need it.
// An open-addressing table of positions (an Int32Array, twice the spans, rounded up to a power of
// two) rather than a Map: at a million spans a Map took seconds to fill and ~50-80 bytes a span
// of heap; this takes 8-16 bytes a span and one pass of string hashing.
const indexes = new WeakMap<Trace, Int32Array>();

/** The position of a span in the trace, or -1 when the trace has no such span. */
export function findSpanIndex(trace: Trace, spanId: string): number {
  let slots = indexes.get(trace);
  if (!slots) {
    slots = buildSlots(trace.spanId, trace.size);
    indexes.set(trace, slots);
  }
  const mask = slots.length - 1;
  for (let k = hashId(spanId) & mask; ; k = (k + 1) & mask) {
    const i = slots[k]!;
    if (i < 0) return -1;
    if (trace.spanId[i] === spanId) return i;
  }
}

function buildSlots(ids: readonly string[], n: number): Int32Array {
  let size = 2;
  while (size < n * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let i = 0; i < n; i++) {
    let k = hashId(ids[i]!) & mask;
    // The same id twice (not from buildTrace, which keeps one): the later position wins, as a Map's set did.
    while (slots[k]! >= 0 && ids[slots[k]!] !== ids[i]) k = (k + 1) & mask;
    slots[k] = i;
  }
  return slots;
}

/** FNV-1a over the UTF-16 code units. */
function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
