import type { TraceSummaryRow } from "../ingest/types";
import type { Dialect } from "./client";
import { selectJsonRows, toNumber, toNumberOrNull, type Column, type SqlRunner } from "./sql";
import { directSql } from "./directSql";

/** The trace table's columns, in the order the JSON row arrays carry them. */
export const TRACE_COLUMNS: readonly Column[] = [
  { name: "trace_id", type: "text" },
  { name: "start_us", type: "bigint" },
  { name: "end_us", type: "bigint" },
  { name: "duration_us", type: "bigint" },
  { name: "span_count", type: "integer" },
  { name: "start_count", type: "integer" },
  { name: "stop_count", type: "integer" },
  { name: "error_count", type: "integer" },
  { name: "services", type: "text" },
  { name: "projects", type: "text" },
  { name: "hosts", type: "text" },
  { name: "root_span_id", type: "text" },
  { name: "root_start_us", type: "bigint" },
  { name: "root_name", type: "text" },
  { name: "root_method", type: "text" },
  { name: "root_path", type: "text" },
  { name: "answered_us", type: "bigint" },
  { name: "root_requests", type: "integer" },
  { name: "updated_us", type: "bigint" },
  { name: "stored_bytes", type: "bigint" },
  { name: "dropped_spans", type: "integer" },
  { name: "dropped_notifications", type: "integer" },
  { name: "truncated", type: "text" },
  { name: "signature", type: "text" },
  { name: "aggregated_spans", type: "integer" },
  { name: "identifier_count", type: "integer" },
];

type Big = number | bigint;
type Raw = {
  trace_id: string;
  start_us: Big;
  end_us: Big;
  duration_us: Big;
  span_count: Big;
  start_count: Big;
  stop_count: Big;
  error_count: Big;
  services: string;
  projects: string;
  hosts: string;
  root_span_id: string | null;
  root_start_us: Big | null;
  root_name: string | null;
  root_method: string | null;
  root_path: string | null;
  answered_us: Big | null;
  root_requests: Big;
  updated_us: Big;
  stored_bytes: Big;
  dropped_spans: Big;
  dropped_notifications: Big;
  truncated: string | null;
  signature: string | null;
  aggregated_spans: Big;
  identifier_count: Big;
};

export function convertRawToTraceSummaryRow(r: Raw): TraceSummaryRow {
  return {
    traceId: r.trace_id,
    startUs: toNumber(r.start_us),
    endUs: toNumber(r.end_us),
    durationUs: toNumber(r.duration_us),
    spanCount: toNumber(r.span_count),
    startCount: toNumber(r.start_count),
    stopCount: toNumber(r.stop_count),
    errorCount: toNumber(r.error_count),
    services: r.services,
    projects: r.projects,
    hosts: r.hosts,
    rootSpanId: r.root_span_id,
    rootStartUs: toNumberOrNull(r.root_start_us),
    rootName: r.root_name,
    rootMethod: r.root_method,
    rootPath: r.root_path,
    answeredUs: toNumberOrNull(r.answered_us),
    rootRequests: toNumber(r.root_requests),
    updatedUs: toNumber(r.updated_us),
    storedBytes: toNumber(r.stored_bytes),
    droppedSpans: toNumber(r.dropped_spans),
    droppedNotifications: toNumber(r.dropped_notifications),
    truncated: r.truncated === "spans" || r.truncated === "bytes" ? r.truncated : null,
    signature: r.signature,
    aggregatedSpans: toNumber(r.aggregated_spans),
    identifierCount: toNumber(r.identifier_count),
  };
}

/** The stored summaries of `traceIds`, by trace id. */
export async function readTraceSummaries(
  sql: SqlRunner,
  dialect: Dialect,
  traceIds: readonly string[],
): Promise<Map<string, TraceSummaryRow>> {
  const found = new Map<string, TraceSummaryRow>();
  if (traceIds.length === 0) return found;
  const ids = selectJsonRows(dialect, [{ name: "t", type: "text" }]);
  const rows = await directSql(sql).$queryRawUnsafe<Raw[]>(
    `SELECT ${TRACE_COLUMNS.map((c) => `"${c.name}"`).join(", ")} FROM "trace" WHERE "trace_id" IN (SELECT "t" FROM (${ids}) AS "ids")`,
    JSON.stringify(traceIds.map((id) => [id])),
  );
  for (const raw of rows) found.set(raw.trace_id, convertRawToTraceSummaryRow(raw));
  return found;
}
