// What a traced call did, read from its start payload's info: the SQL of a db call
// (osprofiler.sqlalchemy), the request of a wsgi call (osprofiler.web), or the traced function.
import { cutLongString } from "../notification/cutLongString";
import { DEFAULT_INPUT_LIMITS } from "../notification/inputLimits";
import { isJsonObject } from "../notification/isJsonObject";
import { stringifyJson } from "../notification/stringifyJson";
import type { Json, JsonObject } from "../notification/types";

export type RequestLine = { method: string; path: string };

/** A short text for lists and search; null when the payload says nothing recognisable. */
export function describeCall(payload: JsonObject): string | null {
  const info = objectAt(payload, "info");
  if (!info) return null;
  const statement = stringAt(objectAt(info, "db"), "statement");
  if (statement !== null) return statement;
  const request = readRequestLine(payload);
  if (request) return `${request.method} ${request.path}`;
  return stringAt(objectAt(info, "function"), "name");
}

/** The HTTP request of a wsgi start payload: {"info": {"request": {"method", "path", ...}}}. */
export function readRequestLine(payload: JsonObject): RequestLine | null {
  const request = objectAt(objectAt(payload, "info"), "request");
  const method = stringAt(request, "method");
  const path = stringAt(request, "path");
  if (method === null || path === null) return null;
  const query = stringAt(request, "query");
  return { method, path: query ? `${path}?${query}` : path };
}

/**
 * OSprofiler sends both as strings, which ingest has cut to OSTRACE_MAX_STRING_CHARS. Anything
 * else is written out as JSON, which could be as long as the message (1 MB): an exception type
 * goes into a column, the trace's strings and the findings, so it is cut like a string.
 */
const MAX_ERROR_TEXT_CHARS = DEFAULT_INPUT_LIMITS.maxStringChars;

/** The exception of a stop payload: {"info": {"etype": "...", "message": "..."}}. */
export function readError(payload: JsonObject): { type: string; message: string | null } | null {
  const info = objectAt(payload, "info");
  if (!info || info.etype === undefined || info.etype === null) return null;
  const type = typeof info.etype === "string" ? info.etype : cutLongString(stringifyJson(info.etype), MAX_ERROR_TEXT_CHARS);
  const message =
    info.message === undefined || info.message === null
      ? null
      : typeof info.message === "string"
        ? info.message
        : cutLongString(stringifyJson(info.message), MAX_ERROR_TEXT_CHARS);
  return { type, message };
}

function objectAt(value: JsonObject | null, key: string): JsonObject | null {
  const child: Json | undefined = value ? value[key] : undefined;
  return isJsonObject(child) ? child : null;
}

function stringAt(value: JsonObject | null, key: string): string | null {
  const child = value ? value[key] : undefined;
  return typeof child === "string" ? child : null;
}
