// Raw payloads are kept, but compactly: most of an OSprofiler payload (name, ids, timestamp,
// project, service) repeats the span's own columns, so a row stores only the "rest" that the
// columns cannot reproduce, typically {"info": {...}}. expandPayload(compactPayload(p)) equals p
// for every payload, including ones whose fields disagree with the columns or are missing.
//
// Inside info, the row's host and detail columns repeat what the payload says: info.host
// (OSprofiler appends it last) and, for a start, the SQL statement or the function name that
// became the detail. Those take ~half of a typical row (a SQL statement is ~0.5 KB), so when
// `nested` is given they are left out too and flagged under "~n"; expandPayload puts them back
// in place (a null holds the statement's or name's position; host goes back at the end).
import { formatTimestampUs } from "../notification/timestamp";
import type { Json, JsonObject, Phase } from "../notification/types";

type Identity = { traceId: string; spanId: string; parentId: string; name: string; project: string; service: string };

/** Marks the reproducible keys that the original payload did not have. */
const ABSENT = "~absent";
/** Bit flags of the info fields left out because the row's host / detail columns hold them. */
const NESTED = "~n";
const NESTED_HOST = 1;
const NESTED_STATEMENT = 2;
const NESTED_FUNCTION_NAME = 4;

/** What a row's host and detail columns hold for one half of the span (detail only describes the start). */
export type NestedFields = { host: string; detail: string | null };

export function deriveNestedFields(row: { host: string; detail: string | null }, phase: Phase): NestedFields {
  return { host: row.host, detail: phase === "start" ? row.detail : null };
}

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

export function compactPayload(payload: JsonObject, derived: JsonObject, nested?: NestedFields): string {
  const rest: JsonObject = {};
  const absent: string[] = [];
  for (const key of Object.keys(derived)) if (!Object.hasOwn(payload, key)) absent.push(key);
  for (const [key, value] of Object.entries(payload)) {
    if (Object.hasOwn(derived, key) && jsonEqual(value, derived[key]!)) continue;
    setOwn(rest, key.startsWith("~") ? `~${key}` : key, value);
  }
  if (absent.length > 0) rest[ABSENT] = absent;
  const info = rest.info;
  if (nested && isObject(info)) {
    const compacted = compactInfo(info, nested);
    if (compacted.flags !== 0) {
      rest.info = compacted.info;
      rest[NESTED] = compacted.flags;
    }
  }
  return JSON.stringify(rest);
}

export function expandPayload(restText: string, derived: JsonObject, nested?: NestedFields): JsonObject {
  const rest = JSON.parse(restText) as JsonObject;
  const absent = new Set((rest[ABSENT] as string[] | undefined) ?? []);
  const payload: JsonObject = {};
  for (const [key, value] of Object.entries(derived)) if (!absent.has(key)) payload[key] = value;
  for (const [key, value] of Object.entries(rest)) {
    if (key === ABSENT || key === NESTED) continue;
    setOwn(payload, key.startsWith("~~") ? key.slice(1) : key, value);
  }
  const flags = rest[NESTED];
  if (typeof flags === "number" && flags !== 0) {
    if (!nested) throw new Error("expandPayload: this rest needs the row's host and detail (nested fields)");
    expandInfo(payload.info as JsonObject, flags, nested);
  }
  return payload;
}

/** info without the fields the row's columns reproduce exactly (text the database stores unchanged). */
function compactInfo(info: JsonObject, nested: NestedFields): { info: JsonObject; flags: number } {
  let flags = 0;
  const keys = Object.keys(info);
  if (keys[keys.length - 1] === "host" && info.host === nested.host && isWellFormed(nested.host)) flags |= NESTED_HOST;
  const detail = nested.detail;
  let replace: "db" | "function" | null = null;
  if (detail !== null && isWellFormed(detail)) {
    const db = info.db;
    const fn = info.function;
    if (isObject(db) && db.statement === detail) replace = "db";
    else if (isObject(fn) && fn.name === detail) replace = "function";
  }
  if (flags === 0 && replace === null) return { info, flags };
  const out: JsonObject = {};
  for (const key of keys) {
    if (key === "host" && flags & NESTED_HOST) continue;
    if (key === replace) {
      const copy: JsonObject = {};
      for (const [k, v] of Object.entries(info[key] as JsonObject)) setOwn(copy, k, k === (replace === "db" ? "statement" : "name") ? null : v);
      setOwn(out, key, copy);
    } else {
      setOwn(out, key, info[key]!);
    }
  }
  if (replace === "db") flags |= NESTED_STATEMENT;
  if (replace === "function") flags |= NESTED_FUNCTION_NAME;
  return { info: out, flags };
}

function expandInfo(info: JsonObject, flags: number, nested: NestedFields): void {
  if (flags & NESTED_STATEMENT) (info.db as JsonObject).statement = nested.detail;
  if (flags & NESTED_FUNCTION_NAME) (info.function as JsonObject).name = nested.detail;
  if (flags & NESTED_HOST) setOwn(info, "host", nested.host);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Columns store lone UTF-16 surrogates as U+FFFD (lib/db/sql.ts), so only well-formed text is left to them. */
function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(text);
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
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
