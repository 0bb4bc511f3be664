import type { SpanRow } from "../span/types";
import type { Dialect } from "./client";
import { SPAN_COLUMNS } from "./readSpanRowsByKey";
import { chunks, valuesList, type SqlRunner } from "./sql";

const UPDATE = ["parent_id", "name", "project", "service", "host", "start_us", "stop_us", "error_type", "detail", "start_rest", "stop_rest"]
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(", ");

/** Writes fully merged rows (planSpanWrites merged them with what was stored, under the writer lock). */
export async function upsertSpanRows(sql: SqlRunner, dialect: Dialect, rows: readonly SpanRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    const args: unknown[] = [];
    for (const r of part) {
      args.push(r.traceId, r.spanId, r.parentId, r.name, r.project, r.service, r.host, r.startUs, r.stopUs, r.errorType, r.detail, r.startRest, r.stopRest);
    }
    await sql.$executeRawUnsafe(
      `INSERT INTO "span" (${SPAN_COLUMNS}) VALUES ${valuesList(dialect, part.length, 13)} ON CONFLICT ("trace_id", "span_id") DO UPDATE SET ${UPDATE}`,
      ...args,
    );
  }
}
