import type { TraceSummary } from "../ingest/types";
import type { Dialect } from "./client";
import { chunks, toNumber, toNumberOrNull, type SqlRunner } from "./sql";

type Big = number | bigint;
type Raw = {
  trace_id: string; start_us: Big; end_us: Big; duration_us: Big; span_count: Big; start_count: Big; stop_count: Big;
  error_count: Big; services: string; projects: string; hosts: string; root_span_id: string | null; root_start_us: Big | null;
  root_name: string | null; root_method: string | null; root_path: string | null; updated_us: Big;
};

export const TRACE_COLUMNS = `"trace_id", "start_us", "end_us", "duration_us", "span_count", "start_count", "stop_count", "error_count", "services", "projects", "hosts", "root_span_id", "root_start_us", "root_name", "root_method", "root_path", "updated_us"`;

export function convertRawToTraceSummary(r: Raw): TraceSummary {
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
    updatedUs: toNumber(r.updated_us),
  };
}

/** The stored summaries of `traceIds`, by trace id. */
export async function readTraceSummaries(sql: SqlRunner, dialect: Dialect, traceIds: readonly string[]): Promise<Map<string, TraceSummary>> {
  const found = new Map<string, TraceSummary>();
  for (const part of chunks(traceIds)) {
    const slots = part.map((_, i) => (dialect === "sqlite" ? "?" : `$${i + 1}`)).join(", ");
    const rows = await sql.$queryRawUnsafe<Raw[]>(`SELECT ${TRACE_COLUMNS} FROM "trace" WHERE "trace_id" IN (${slots})`, ...part);
    for (const raw of rows) found.set(raw.trace_id, convertRawToTraceSummary(raw));
  }
  return found;
}
