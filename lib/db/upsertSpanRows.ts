import type { SpanRow } from "../span/types";
import type { Dialect } from "./client";
import { convertSpanRowToArray, SPAN_COLUMNS } from "./spanColumns";
import { columnList, executeBoundRows, memoizeByRowCount, selectJsonRows, valuesList, type SqlRunner } from "./sql";
import { directSql } from "./directSql";
import { upsertSpanDetails } from "./upsertSpanDetails";
import { readDescribableMessage } from "./describedDetail";
import type { TextMap } from "../span/createTextMap";

const UPDATE = SPAN_COLUMNS.slice(2)
  .map((c) => `"${c.name}" = excluded."${c.name}"`)
  .join(", ");

const sqliteUpsert = memoizeByRowCount(
  (rows) =>
    `INSERT INTO "span" (${columnList(SPAN_COLUMNS)}) VALUES ${valuesList("sqlite", rows, SPAN_COLUMNS.length)} ` +
    `ON CONFLICT ("trace_id", "span_id") DO UPDATE SET ${UPDATE}`,
);

/**
 * Writes fully merged rows (planSpanWrites merged them with what was stored, under the batch's locks, storeBatch.ts).
 * PostgreSQL partitions spans by their trace's "stored_us" (migration 0008), which is part of the key: each row
 * takes it from its trace's row, so the trace rows must be written first.
 */
export async function upsertSpanRows(sql: SqlRunner, dialect: Dialect, rows: readonly SpanRow[], shapes?: TextMap<string>): Promise<void> {
  if (rows.length === 0) return;
  // A long exception message goes to span_detail too, described, and the row names it (migration 0012).
  const messages = rows.map(readDescribableMessage);
  const detailIds = await upsertSpanDetails(sql, dialect, rows, shapes, messages);
  const arrays = rows.map((row, i) => convertSpanRowToArray(row, detailIds, messages[i] ?? null));
  const direct = directSql(sql);
  if (dialect === "sqlite") {
    // Bound values (sql.ts): the rows' rests are JSON texts, which JSON.stringify escaped again
    // and SQLite's JSON functions unescaped back. Tested in upsertSpanRows.test.ts.
    await executeBoundRows(direct, arrays, sqliteUpsert);
    return;
  }
  const json = JSON.stringify(arrays);
  // A row written without its trace row (tests of the detail texts) takes 0, as the column's default does: the
  // default partition, and the same key at every write.
  await direct.$executeRawUnsafe(
    `INSERT INTO "span" (${columnList(SPAN_COLUMNS)}, "stored_us") SELECT ${columnList(SPAN_COLUMNS, "r.")}, COALESCE(t."stored_us", 0) ` +
      `FROM (${selectJsonRows(dialect, SPAN_COLUMNS)}) AS r LEFT JOIN "trace" AS t ON t."trace_id" = r."trace_id" ` +
      `ON CONFLICT ("trace_id", "span_id", "stored_us") DO UPDATE SET ${UPDATE}`,
    json,
  );
}
