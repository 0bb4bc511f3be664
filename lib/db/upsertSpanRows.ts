import type { SpanRow } from "../span/types";
import type { Dialect } from "./client";
import { convertSpanRowToArray, SPAN_COLUMNS } from "./spanColumns";
import { columnList, selectJsonRows, type SqlRunner } from "./sql";
import { directSql } from "./directSql";
import { upsertSpanDetails } from "./upsertSpanDetails";

const UPDATE = SPAN_COLUMNS.slice(2)
  .map((c) => `"${c.name}" = excluded."${c.name}"`)
  .join(", ");

/** Writes fully merged rows (planSpanWrites merged them with what was stored, under the batch's locks, storeBatch.ts). */
export async function upsertSpanRows(sql: SqlRunner, dialect: Dialect, rows: readonly SpanRow[]): Promise<void> {
  if (rows.length === 0) return;
  const detailIds = await upsertSpanDetails(sql, dialect, rows);
  // "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
  await directSql(sql).$executeRawUnsafe(
    `INSERT INTO "span" (${columnList(SPAN_COLUMNS)}) ${selectJsonRows(dialect, SPAN_COLUMNS)} WHERE true ` +
      `ON CONFLICT ("trace_id", "span_id") DO UPDATE SET ${UPDATE}`,
    JSON.stringify(rows.map((row) => convertSpanRowToArray(row, detailIds))),
  );
}
