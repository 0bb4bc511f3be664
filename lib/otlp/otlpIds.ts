// OSprofiler ids -> OTLP ids. OTLP wants a 16-byte trace id and an 8-byte span id, written in
// OTLP/JSON as 32 and 16 lower-case hex digits, never all zero. OSprofiler's ids are UUIDs
// (128 bits), so:
// - trace id = the base_id's 32 hex digits (dashes removed): the same number, so the "Trace ID"
//   that `openstack --os-profile` prints finds the trace in Jaeger or Tempo without its dashes;
// - span id = the first 16 hex digits of the span's trace_id: a prefix of the id OSprofiler and
//   ostrace show, unique in practice (60 random bits of a version-4 UUID).
// An id that is not a UUID (drawn test traces), or would be all zero, becomes the first digits
// of the SHA-256 of its text instead. Two spans of one trace whose prefixes collide keep their
// order: the first in tree order keeps the prefix, the next takes the hash (then hash of the
// text and a counter). The result depends only on the ids and the tree, so an export is stable.
import { createHash } from "node:crypto";

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const ALL_ZERO = /^0+$/;

function hashHex(text: string, digits: number): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, digits);
}

function uuidDigits(id: string): string | null {
  return UUID.test(id) ? id.replace(/-/g, "").toLowerCase() : null;
}

/** OSprofiler base_id -> OTLP trace id (32 hex digits). */
export function convertTraceIdToOtlp(baseId: string): string {
  const digits = uuidDigits(baseId);
  return digits !== null && !ALL_ZERO.test(digits) ? digits : hashHex(baseId, 32);
}

/** OSprofiler trace_id -> OTLP span id (16 hex digits), before collisions are settled. */
export function convertSpanIdToOtlp(spanId: string): string {
  const prefix = uuidDigits(spanId)?.slice(0, 16);
  return prefix !== undefined && !ALL_ZERO.test(prefix) ? prefix : hashHex(spanId, 16);
}

/** The OTLP span ids of one trace's spans, in the order given (tree order), distinct. */
export function assignOtlpSpanIds(spanIds: readonly string[]): string[] {
  const ids = packOtlpSpanIds(spanIds.length, (i) => spanIds[i]!);
  return spanIds.map((_, i) => ids.hexOf(i));
}

export type PackedOtlpSpanIds = {
  /** The OTLP span id of span i, as 16 hex digits. */
  hexOf(i: number): string;
};

/**
 * assignOtlpSpanIds for `count` spans named by `spanIdOf` (tree order), held as two 32-bit
 * halves a span and found through an open-addressing hash of them: a million ids as strings in
 * a Set would take ~70 MB, these take ~16.
 */
export function packOtlpSpanIds(count: number, spanIdOf: (i: number) => string): PackedOtlpSpanIds {
  const high = new Uint32Array(count),
    low = new Uint32Array(count);
  let capacity = 16;
  while (capacity < 2 * count) capacity *= 2;
  let slots = new Int32Array(capacity).fill(-1);
  const mask = capacity - 1;
  const slotOf = (h: number, l: number): number => {
    let slot = (Math.imul(h ^ Math.imul(l, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
    while (slots[slot] !== -1 && (high[slots[slot]!] !== h || low[slots[slot]!] !== l)) slot = (slot + 1) & mask;
    return slot;
  };
  for (let i = 0; i < count; i++) {
    const spanId = spanIdOf(i);
    let id = convertSpanIdToOtlp(spanId);
    for (let n = 0; ; n++) {
      const h = parseInt(id.slice(0, 8), 16),
        l = parseInt(id.slice(8), 16);
      const slot = slotOf(h, l);
      if (slots[slot] === -1 && (h !== 0 || l !== 0)) {
        high[i] = h;
        low[i] = l;
        slots[slot] = i;
        break;
      }
      id = hashHex(n === 0 ? spanId : `${spanId}\n${n}`, 16);
    }
  }
  // hexOf's closure shares this scope with slotOf's: let the hash go (4 bytes a slot, 2+ slots a span), only the halves are read back.
  slots = new Int32Array(0);
  return { hexOf: (i) => hex8(high[i]!) + hex8(low[i]!) };
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}
