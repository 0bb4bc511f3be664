// GET /api/traces query parameters -> TraceListQuery. The same parameters make the UI's list
// URL, so a filtered list can be shared: formatTraceListQuery.ts is the inverse of this parser
// and leaves defaults out. Times without a zone are UTC, as OSprofiler's timestamps are.
import { z } from "../zod";
import { parseTimestampUs } from "../notification/timestamp";
import type { TraceListQuery, TraceListSort } from "../trace/traceList";
import { decodeTraceListCursor } from "../trace/traceListCursor";
import { DEFAULT_TRACE_LIST_LIMIT } from "./formatTraceListQuery";
import { parseSearchParams } from "./parseSearchParams";

const MAX_TRACE_LIST_LIMIT = 200;

const MAX_TEXT = 256;
/** As long as lib/span/requestSignature.ts makes one. */
const MAX_SIGNATURE = 300;

const text = z
  .string()
  .trim()
  .max(MAX_TEXT, `at most ${MAX_TEXT} characters`)
  .transform((s) => s || undefined);

const time = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return undefined;
    const us = parseTimeParam(value);
    if (us === null) {
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(value.slice(0, 40))} is not a time: expected ISO 8601 (2024-05-01T10:00:00Z; UTC when no zone) or microseconds since the epoch`,
      });
      return z.NEVER;
    }
    return us;
  });

const milliseconds = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return undefined;
    if (!/^\d{1,12}(\.\d{1,3})?$/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(value.slice(0, 40))}: expected a duration in milliseconds, like 250 or 0.5`,
      });
      return z.NEVER;
    }
    return Number(value);
  });

const schema = z.object({
  q: text.optional(),
  traceId: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f-]{0,36}$/, "expected the start of a base_id: up to 36 hex digits and dashes")
    .transform((s) => s || undefined)
    .optional(),
  service: text.optional(),
  project: text.optional(),
  host: text.optional(),
  from: time.optional(),
  to: time.optional(),
  minMs: milliseconds.optional(),
  maxMs: milliseconds.optional(),
  error: z
    .enum(["", "0", "1", "false", "true"], 'expected "1" (only traces with errors) or "0"')
    .transform((s) => s === "1" || s === "true")
    .optional(),
  sort: z
    .enum(["", "newest", "slowest", "answered"], "expected newest, slowest or answered")
    .transform((s): TraceListSort => (s === "" ? "newest" : s))
    .optional(),
  limit: z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `expected a whole number from 1 to ${MAX_TRACE_LIST_LIMIT}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_TRACE_LIST_LIMIT, `expected a whole number from 1 to ${MAX_TRACE_LIST_LIMIT}`)
    .optional(),
  signature: z
    .string()
    .trim()
    .max(MAX_SIGNATURE, `at most ${MAX_SIGNATURE} characters`)
    .transform((s) => s || undefined)
    .optional(),
  cursor: z
    .string()
    .trim()
    .transform((s) => s || undefined)
    .optional(),
});

export type TraceListQueryError = { error: string };

/**
 * Both a query (error?: boolean, the "only errors" filter) and a refusal ({error: string}) have
 * an `error` key, so `"error" in result` cannot tell them apart: use isTraceListQueryError.
 */
export function isTraceListQueryError(result: TraceListQuery | TraceListQueryError): result is TraceListQueryError {
  return typeof result.error === "string";
}

export function parseTraceListQuery(params: URLSearchParams): TraceListQuery | TraceListQueryError {
  const parsed = parseSearchParams(schema, params);
  if ("error" in parsed) return parsed;
  const { sort = "newest", limit = DEFAULT_TRACE_LIST_LIMIT, error, ...rest } = parsed.data;
  const query: TraceListQuery = { sort, limit };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) Object.assign(query, { [key]: value });
  if (error) query.error = true;

  if (query.from !== undefined && query.to !== undefined && query.from > query.to) return { error: "from: is after to" };
  if (query.minMs !== undefined && query.maxMs !== undefined && query.minMs > query.maxMs) return { error: "minMs: is greater than maxMs" };
  if (query.cursor !== undefined) {
    const cursor = decodeTraceListCursor(query.cursor);
    if (cursor === null) return { error: "cursor: not a cursor this API returned (take nextCursor from a previous page)" };
    if (cursor.sort !== query.sort) return { error: `cursor: belongs to sort=${cursor.sort}, not sort=${query.sort}` };
  }
  return query;
}

/**
 * Microseconds since the epoch from "2024-05-01", "2024-05-01T10:00", "2024-05-01T10:00:00.123456",
 * any of them with Z or an offset, or from plain digits (already microseconds).
 */
export function parseTimeParam(value: string): number | null {
  if (/^\d{1,17}$/.test(value)) return Number(value);
  // An unescaped "+" in a query string arrives as a space.
  let text = value.replace(/ (\d{2}:?\d{2})$/, "+$1");
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m) return null;
  const [, date, hm = "00:00", seconds = ":00", zone = ""] = m;
  text = `${date}T${hm}${seconds}${zone.toUpperCase()}`;
  return parseTimestampUs(text);
}
