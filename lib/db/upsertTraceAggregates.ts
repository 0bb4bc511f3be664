import type { TraceAggregateDelta } from "../ingest/types";
import type { Dialect } from "./client";
import {
  columnList,
  executeBoundRows,
  memoizeByRowCount,
  selectJsonRows,
  storableText,
  valuesList,
  type Column,
  type SqlRunner,
} from "./sql";
import { directSql } from "./directSql";

const COLUMNS: readonly Column[] = [
  { name: "trace_id", type: "text" },
  { name: "kind", type: "text" },
  { name: "key_hash", type: "text" },
  { name: "key", type: "text" },
  { name: "count", type: "integer" },
  { name: "total_us", type: "bigint" },
  { name: "max_us", type: "bigint" },
];

const sumOnConflict = (greatest: string) =>
  `ON CONFLICT ("trace_id", "kind", "key_hash") DO UPDATE SET "count" = "trace_aggregate"."count" + excluded."count", ` +
  `"total_us" = "trace_aggregate"."total_us" + excluded."total_us", "max_us" = ${greatest}("trace_aggregate"."max_us", excluded."max_us")`;

// SQLite binds the values (sql.ts: executeBoundRows; ~95 characters of JSON a notification here, numbers
// mostly). Tested against the JSON statement in upsertTraceAggregates.test.ts.
const sqliteUpsert = memoizeByRowCount(
  (rows) =>
    `INSERT INTO "trace_aggregate" (${columnList(COLUMNS)}) VALUES ${valuesList("sqlite", rows, COLUMNS.length)} ${sumOnConflict("max")}`,
);

/**
 * Adds a batch's deltas to the stored sums (planned by planTraceAggregates), under the trace locks.
 * A delta without its text (key null) is of a row read as stored under the same locks: it always
 * takes the ON CONFLICT path, so the empty text sent in its place is never written.
 */
export async function upsertTraceAggregates(sql: SqlRunner, dialect: Dialect, deltas: readonly TraceAggregateDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => [d.traceId, d.kind, d.keyHash, storableText(d.key ?? ""), d.count, d.totalUs, d.maxUs]);
  if (dialect === "sqlite") return executeBoundRows(directSql(sql), rows, sqliteUpsert);
  await directSql(sql).$executeRawUnsafe(
    `INSERT INTO "trace_aggregate" (${columnList(COLUMNS)}) ${selectJsonRows(dialect, COLUMNS)} WHERE true ${sumOnConflict("greatest")}`,
    JSON.stringify(rows),
  );
}
