import type { Dialect } from "./client";
import { spanKey } from "../ingest/spanKey";
import type { SpanRow } from "../span/types";
import { chunks, toNumberOrNull, valuesList, type SqlRunner } from "./sql";

type Raw = {
  trace_id: string; span_id: string; parent_id: string; name: string; project: string; service: string; host: string;
  start_us: number | bigint | null; stop_us: number | bigint | null; error_type: string | null; detail: string | null;
  start_rest: string | null; stop_rest: string | null;
};

export const SPAN_COLUMNS = `"trace_id", "span_id", "parent_id", "name", "project", "service", "host", "start_us", "stop_us", "error_type", "detail", "start_rest", "stop_rest"`;

export function convertRawToSpanRow(r: Raw): SpanRow {
  return {
    traceId: r.trace_id, spanId: r.span_id, parentId: r.parent_id, name: r.name, project: r.project, service: r.service, host: r.host,
    startUs: toNumberOrNull(r.start_us), stopUs: toNumberOrNull(r.stop_us), errorType: r.error_type, detail: r.detail,
    startRest: r.start_rest, stopRest: r.stop_rest,
  };
}

/** The stored rows among `keys` ([traceId, spanId]), by spanKey. */
export async function readSpanRowsByKey(sql: SqlRunner, dialect: Dialect, keys: readonly [string, string][]): Promise<Map<string, SpanRow>> {
  const found = new Map<string, SpanRow>();
  for (const part of chunks(keys)) {
    const rows = await sql.$queryRawUnsafe<Raw[]>(
      `SELECT ${SPAN_COLUMNS} FROM "span" WHERE ("trace_id", "span_id") IN (VALUES ${valuesList(dialect, part.length, 2)})`,
      ...part.flat(),
    );
    for (const raw of rows) found.set(spanKey(raw.trace_id, raw.span_id), convertRawToSpanRow(raw));
  }
  return found;
}
