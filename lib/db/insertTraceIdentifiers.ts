import type { Dialect } from "./client";
import { selectJsonRows, type SqlRunner } from "./sql";
import { directSql } from "./directSql";

const COLUMNS = [
  { name: "identifier", type: "text" },
  { name: "trace_id", type: "text" },
] as const;

/** Adds [identifier, traceId] rows planned by planTraceIdentifiers; ones already stored stay as they are. */
export async function insertTraceIdentifiers(sql: SqlRunner, dialect: Dialect, rows: readonly [string, string][]): Promise<void> {
  if (rows.length === 0) return;
  await directSql(sql).$executeRawUnsafe(
    `INSERT INTO "trace_identifier" ("identifier", "trace_id") ${selectJsonRows(dialect, COLUMNS)} WHERE true ON CONFLICT DO NOTHING`,
    JSON.stringify(rows),
  );
}
