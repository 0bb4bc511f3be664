// What OTel's semantic conventions can say about an OSprofiler call, read from its raw
// payloads' info: the SQL of osprofiler.sqlalchemy (db.*; OSprofiler does not say which
// database, so db.system is "other_sql"), the request of osprofiler.web (http.request.method,
// url.*), the traced function (code.function.name). Everything else in info is kept under
// osprofiler.info.* (start) and osprofiler.stop_info.* (stop), as text when it is not a string,
// so nothing the service sent is lost on the way to Jaeger or Tempo.
import type { Json, JsonObject } from "../notification/types";

export type OtlpAttributes = Record<string, string | number | boolean>;

/** info keys that have a semantic-convention home (or are the span's host, a resource attribute). */
const MAPPED_START = new Set(["db", "request", "function", "host"]);
const MAPPED_STOP = new Set(["etype", "message", "host"]);

export function readOtlpAttributes(startPayload: JsonObject | null, stopPayload: JsonObject | null): OtlpAttributes {
  const attributes: OtlpAttributes = {};
  const start = objectAt(startPayload, "info");
  const db = objectAt(start, "db");
  const statement = stringAt(db, "statement");
  if (statement !== null) {
    attributes["db.system"] = "other_sql";
    attributes["db.statement"] = statement;
    if (db!.params !== undefined) attributes["osprofiler.db.params"] = formatValue(db!.params);
  }
  const request = objectAt(start, "request");
  const method = stringAt(request, "method");
  if (method !== null) attributes["http.request.method"] = method;
  const path = stringAt(request, "path");
  if (path !== null) attributes["url.path"] = path;
  const query = stringAt(request, "query");
  if (query) attributes["url.query"] = query;
  const scheme = stringAt(request, "scheme");
  if (scheme) attributes["url.scheme"] = scheme;
  const fn = objectAt(start, "function");
  const fnName = stringAt(fn, "name");
  if (fnName !== null) attributes["code.function.name"] = fnName;
  for (const key of ["args", "kwargs"]) if (fn?.[key] !== undefined) attributes[`osprofiler.function.${key}`] = formatValue(fn[key]);
  copyRest(attributes, "osprofiler.info.", start, MAPPED_START);

  const stop = objectAt(stopPayload, "info");
  const result = objectAt(stop, "function")?.result;
  if (result !== undefined) attributes["osprofiler.function.result"] = formatValue(result);
  copyRest(attributes, "osprofiler.stop_info.", stop, new Set([...MAPPED_STOP, "function"]));
  return attributes;
}

function copyRest(attributes: OtlpAttributes, prefix: string, info: JsonObject | null, mapped: ReadonlySet<string>) {
  if (!info) return;
  for (const [key, value] of Object.entries(info)) {
    if (!mapped.has(key) && value !== null) attributes[prefix + key] = typeof value === "boolean" ? value : formatValue(value);
  }
}

/** Strings as they are; other values as JSON text (numbers too: an attribute keeps one type). */
function formatValue(value: Json): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function objectAt(value: JsonObject | null, key: string): JsonObject | null {
  const child: Json | undefined = value ? value[key] : undefined;
  return typeof child === "object" && child !== null && !Array.isArray(child) ? child : null;
}

function stringAt(value: JsonObject | null, key: string): string | null {
  const child = value ? value[key] : undefined;
  return typeof child === "string" ? child : null;
}
