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
  const taken = new Set<string>();
  return spanIds.map((spanId) => {
    let id = convertSpanIdToOtlp(spanId);
    for (let n = 0; taken.has(id) || ALL_ZERO.test(id); n++) id = hashHex(n === 0 ? spanId : `${spanId}\n${n}`, 16);
    taken.add(id);
    return id;
  });
}
