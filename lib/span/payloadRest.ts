// Raw payloads are kept, but compactly: most of an OSprofiler payload (name, ids, timestamp,
// project, service) repeats the span's own columns, so a row stores only the "rest" that the
// columns cannot reproduce, typically {"info": {...}}. expandPayload(compactPayload(p)) equals p
// for every payload, including ones whose fields disagree with the columns or are missing, with
// its keys in the order they came and each number as it was written.
//
// Inside info, the row's host and detail columns repeat what the payload says: info.host
// (OSprofiler appends it last) and, for a start, the SQL statement or the function name that
// became the detail. Those take ~half of a typical row (a SQL statement is ~0.5 KB), so when
// `nested` is given they are left out too and flagged under "~n"; expandPayload puts them back
// in place (a null holds the statement's or name's position; host goes back at the end).
//
// Key order: OSprofiler's messaging driver sends name, base_id, trace_id, parent_id, timestamp,
// info, then appends project and service; `osprofiler trace show` prints them so. A rest in that
// order says so with one flag bit (OSPROFILER_ORDER); any other order but the one rows stored
// before that flag existed come back in (the columns' fields first, then the rest) is spelled
// out under "~o". Numbers a double would change (lib/notification/JsonNumber.ts) are written as
// their literals, which keeps the column valid JSON text, and such a rest ends with "~x": 1 so
// that only those rests are read with the exact parser.
import { isJsonObject } from "../notification/isJsonObject";
import { isJsonNumber } from "../notification/JsonNumber";
import { parseExactJson } from "../notification/parseExactJson";
import { stringifyJson, stringifyJsonNoting } from "../notification/stringifyJson";
import { formatTimestampUs } from "../notification/timestamp";
import type { Json, JsonObject, Phase } from "../notification/types";

type Identity = { traceId: string; spanId: string; parentId: string; name: string; project: string; service: string };

/** Marks the reproducible keys that the original payload did not have. */
const ABSENT = "~absent";
/** Bit flags: info fields left out because the row's host / detail columns hold them, and the key order. */
const NESTED = "~n";
const NESTED_HOST = 1;
const NESTED_STATEMENT = 2;
const NESTED_FUNCTION_NAME = 4;
const NESTED_FIELDS = NESTED_HOST | NESTED_STATEMENT | NESTED_FUNCTION_NAME;
/** The payload's keys came in OSprofiler's order: the columns' fields up to timestamp, the rest, then project and service. */
const OSPROFILER_ORDER = 8;
/** The derived fields OSprofiler's messaging driver appends after info. */
const APPENDED = new Set(["project", "service"]);
/** The payload's keys, in order, when neither the flag nor the old default gives it. */
const ORDER = "~o";
/** Last key of a rest whose text holds number literals that JSON.parse would change. */
const EXACT = "~x";
const EXACT_END = `"${EXACT}":1}`;

/** What a row's host and detail columns hold for one half of the span (detail only describes the start). */
export type NestedFields = { host: string; detail: string | null };

export function deriveNestedFields(row: { host: string; detail: string | null }, phase: Phase): NestedFields {
  return { host: row.host, detail: phase === "start" ? row.detail : null };
}

/** The payload fields that a row's columns reproduce, in the order of derivedKeys below. */
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
  const derivedKeys = Object.keys(derived);
  for (const key of derivedKeys) if (!Object.hasOwn(payload, key)) absent.push(key);
  const keys = Object.keys(payload);
  for (const key of keys) {
    const value = payload[key]!;
    if (Object.hasOwn(derived, key) && jsonEqual(value, derived[key]!)) continue;
    setOwn(rest, key.startsWith("~") ? `~${key}` : key, value);
  }
  if (absent.length > 0) rest[ABSENT] = absent;
  let flags = 0;
  const info = rest.info;
  if (nested && isJsonObject(info)) {
    const compacted = compactInfo(info, nested);
    if (compacted.flags !== 0) {
      rest.info = compacted.info;
      flags |= compacted.flags;
    }
  }
  if (!isInOrder(keys, derivedKeys, derived, false)) {
    if (isInOrder(keys, derivedKeys, derived, true)) flags |= OSPROFILER_ORDER;
    else rest[ORDER] = keys;
  }
  if (flags !== 0) rest[NESTED] = flags;
  const written = stringifyJsonNoting(rest);
  if (!written.exactNumbers) return written.text;
  rest[EXACT] = 1;
  return stringifyJson(rest);
}

export function expandPayload(restText: string, derived: JsonObject, nested?: NestedFields): JsonObject {
  const rest = (restText.endsWith(EXACT_END) ? parseExactJson(restText) : JSON.parse(restText)) as JsonObject;
  const absent = new Set((rest[ABSENT] as string[] | undefined) ?? []);
  const flags = typeof rest[NESTED] === "number" ? rest[NESTED] : 0;
  /** Every key of the payload with its value, the columns' fields first (the order of rows stored before the order was kept). */
  const fields = new Map<string, Json>();
  for (const [key, value] of Object.entries(derived)) if (!absent.has(key)) fields.set(key, value);
  for (const [key, value] of Object.entries(rest)) {
    if (key === ABSENT || key === NESTED || key === ORDER || key === EXACT) continue;
    fields.set(key.startsWith("~~") ? key.slice(1) : key, value);
  }
  const explicit = rest[ORDER];
  const keys = Array.isArray(explicit) ? (explicit as string[]) : orderKeys([...fields.keys()], derived, (flags & OSPROFILER_ORDER) !== 0);
  const payload: JsonObject = {};
  for (const key of keys) setOwn(payload, key, fields.get(key)!);
  if (flags & NESTED_FIELDS) {
    if (!nested) throw new Error("expandPayload: this rest needs the row's host and detail (nested fields)");
    expandInfo(payload.info as JsonObject, flags, nested);
  }
  return payload;
}

/**
 * `keys` (a payload's) in the old default order, the columns' fields first in their own order
 * and then the others as they came, or in OSprofiler's order, the others before project and service.
 */
function orderKeys(keys: readonly string[], derived: JsonObject, osprofiler: boolean): string[] {
  const present = new Set(keys);
  const head: string[] = [];
  const tail: string[] = [];
  for (const key of Object.keys(derived)) if (present.has(key)) (osprofiler && APPENDED.has(key) ? tail : head).push(key);
  for (const key of keys) if (!Object.hasOwn(derived, key)) head.push(key);
  return tail.length === 0 ? head : head.concat(tail);
}

/** Whether `keys` (a payload's, each once) are in the order orderKeys gives; `derivedKeys` are derived's, in order. Builds nothing: it runs for every notification. */
function isInOrder(keys: readonly string[], derivedKeys: readonly string[], derived: JsonObject, osprofiler: boolean): boolean {
  let i = 0;
  for (const key of derivedKeys) {
    if (osprofiler && APPENDED.has(key)) continue;
    if (keys.includes(key) && keys[i++] !== key) return false;
  }
  for (const key of keys) if (!Object.hasOwn(derived, key) && keys[i++] !== key) return false;
  if (osprofiler) for (const key of derivedKeys) if (APPENDED.has(key) && keys.includes(key) && keys[i++] !== key) return false;
  return i === keys.length;
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
    if (isJsonObject(db) && db.statement === detail) replace = "db";
    else if (isJsonObject(fn) && fn.name === detail) replace = "function";
  }
  if (flags === 0 && replace === null) return { info, flags };
  const out: JsonObject = {};
  for (const key of keys) {
    if (key === "host" && flags & NESTED_HOST) continue;
    if (key === replace) {
      const copy: JsonObject = {};
      for (const [k, v] of Object.entries(info[key] as JsonObject))
        setOwn(copy, k, k === (replace === "db" ? "statement" : "name") ? null : v);
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

/** Columns store lone UTF-16 surrogates as U+FFFD (lib/db/sql.ts), so only well-formed text is left to them. */
function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (isJsonNumber(a) || isJsonNumber(b)) return isJsonNumber(a) && isJsonNumber(b) && a.text === b.text;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as Json[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]!));
  }
  const ao = a as JsonObject,
    bo = b as JsonObject;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k]!, bo[k]!));
}

/** Plain assignment of "__proto__" would replace the prototype instead of keeping the key. */
function setOwn(target: JsonObject, key: string, value: Json): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
