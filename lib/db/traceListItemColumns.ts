// The columns of table `trace` that make a TraceListItem, and the conversion of one raw row.
// Raw queries hand integers back in the driver's own type (SQLite: number, or bigint past 2^53;
// PostgreSQL BIGINT: bigint, or text without Prisma's conversion); every read-side module
// normalises them here and in readTraceSpans.ts, nowhere else.
import type { TraceListItem } from "../trace/traceList";
import { parseTraceSet } from "../ingest/traceSet";

export const TRACE_LIST_ITEM_SELECT =
  `"trace_id", "start_us", "duration_us", "span_count", "start_count", "stop_count", "error_count", ` +
  `"services", "projects", "hosts", "root_name", "root_method", "root_path", "root_requests", "answered_us", ` +
  `"updated_us", "dropped_spans", "truncated"`;

export type DbInteger = number | bigint | string;

export type RawTraceListItem = {
  trace_id: string;
  start_us: DbInteger;
  duration_us: DbInteger;
  span_count: DbInteger;
  start_count: DbInteger;
  stop_count: DbInteger;
  error_count: DbInteger;
  services: string;
  projects: string;
  hosts: string;
  root_name: string | null;
  root_method: string | null;
  root_path: string | null;
  root_requests: DbInteger;
  answered_us: DbInteger | null;
  updated_us: DbInteger;
  dropped_spans: DbInteger;
  truncated: string | null;
};

function readInteger(value: DbInteger): number {
  return typeof value === "number" ? value : Number(value);
}

export function readIntegerOrNull(value: DbInteger | null): number | null {
  return value === null ? null : readInteger(value);
}

export function convertRawToTraceListItem(r: RawTraceListItem): TraceListItem {
  const spanCount = readInteger(r.span_count);
  return {
    traceId: r.trace_id,
    startUs: readInteger(r.start_us),
    durationUs: readInteger(r.duration_us),
    answeredUs: readIntegerOrNull(r.answered_us),
    spanCount,
    errorCount: readInteger(r.error_count),
    unfinishedCount: spanCount - readInteger(r.stop_count),
    noStartCount: spanCount - readInteger(r.start_count),
    services: parseTraceSet(r.services),
    projects: parseTraceSet(r.projects),
    hosts: parseTraceSet(r.hosts),
    rootName: r.root_name,
    rootMethod: r.root_method,
    rootPath: r.root_path,
    rootRequests: readInteger(r.root_requests),
    updatedUs: readInteger(r.updated_us),
    droppedSpans: readInteger(r.dropped_spans),
    truncated: r.truncated === "spans" || r.truncated === "bytes" ? r.truncated : null,
  };
}
