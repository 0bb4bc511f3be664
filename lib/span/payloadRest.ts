// Raw payloads are kept, but compactly: most of an OSprofiler payload (name, ids, timestamp,
// project, service) repeats the span's own columns, so a row stores only the "rest" that the
// columns cannot reproduce, typically {"info": {...}}. expandPayload(compactPayload(p)) equals p
// for every payload, including ones whose fields disagree with the columns or are missing.
import { formatTimestampUs } from "../notification/timestamp";
import type { Json, JsonObject, Phase } from "../notification/types";

type Identity = { traceId: string; spanId: string; parentId: string; name: string; project: string; service: string };

/** Marks the reproducible keys that the original payload did not have. */
const ABSENT = "~absent";

/** The payload fields that a row's columns reproduce, in OSprofiler's key order. */
export function derivePayloadFields(row: Identity, phase: Phase, timestampUs: number): JsonObject {
  return {
    name: `${row.name}-${phase}`,
    base_id: row.traceId,
    trace_id: row.spanId,
    parent_id: row.parentId,
    timestamp: formatTimestampUs(timestampUs),
    project: row.project,
    service: row.service,
  };
}

export function compactPayload(payload: JsonObject, derived: JsonObject): string {
  const rest: JsonObject = {};
  const absent: string[] = [];
  for (const key of Object.keys(derived)) if (!Object.hasOwn(payload, key)) absent.push(key);
  for (const [key, value] of Object.entries(payload)) {
    if (Object.hasOwn(derived, key) && jsonEqual(value, derived[key]!)) continue;
    setOwn(rest, key.startsWith("~") ? `~${key}` : key, value);
  }
  if (absent.length > 0) rest[ABSENT] = absent;
  return JSON.stringify(rest);
}

export function expandPayload(restText: string, derived: JsonObject): JsonObject {
  const rest = JSON.parse(restText) as JsonObject;
  const absent = new Set((rest[ABSENT] as string[] | undefined) ?? []);
  const payload: JsonObject = {};
  for (const [key, value] of Object.entries(derived)) if (!absent.has(key)) payload[key] = value;
  for (const [key, value] of Object.entries(rest)) {
    if (key === ABSENT) continue;
    setOwn(payload, key.startsWith("~~") ? key.slice(1) : key, value);
  }
  return payload;
}

export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as Json[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]!));
  }
  const ao = a as JsonObject, bo = b as JsonObject;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k]!, bo[k]!));
}

/** Plain assignment of "__proto__" would replace the prototype instead of keeping the key. */
function setOwn(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
