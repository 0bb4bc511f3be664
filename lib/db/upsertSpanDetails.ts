import type { SpanRow } from "../span/types";
import type { Dialect } from "./client";
import { takeKeyLocks } from "./takeKeyLocks";
import { selectJsonRows, storableText, toNumber, type SqlRunner } from "./sql";
import { directSql } from "./directSql";

const TEXT_COLUMNS = [{ name: "t", type: "text" }] as const;

/**
 * Stores the detail texts of `rows` that span_detail lacks and returns the id of each, by its
 * storable text. A text is shared by spans of many traces, so on PostgreSQL, where batches of
 * different traces run side by side, each text's lock (takeKeyLocks.ts, after the trace locks)
 * keeps another writer from inserting the same text between the two statements (SQLite has one
 * writer anyway). A batch carries few distinct texts (N+1 queries repeat one statement), so this
 * is a few small statements and the span rows then carry integers.
 */
export async function upsertSpanDetails(sql: SqlRunner, dialect: Dialect, rows: readonly SpanRow[]): Promise<Map<string, number>> {
  const texts = new Set<string>();
  for (const row of rows) if (row.detail !== null) texts.add(storableText(row.detail));
  const ids = new Map<string, number>();
  if (texts.size === 0) return ids;
  if (dialect === "postgresql") await takeKeyLocks(sql, "detail", texts);
  const param = JSON.stringify([...texts].map((t) => [t]));
  // SQLite finds a text by its unique index; PostgreSQL by an md5 index (a btree entry cannot
  // hold a long statement), then compares the text itself.
  const match = dialect === "sqlite" ? `d."text" = k."t"` : `md5(d."text") = md5(k."t") AND d."text" = k."t"`;
  const keys = `WITH "k" AS (${selectJsonRows(dialect, TEXT_COLUMNS)})`;
  await directSql(sql).$executeRawUnsafe(
    `${keys} INSERT INTO "span_detail" ("text") SELECT k."t" FROM "k" WHERE NOT EXISTS (SELECT 1 FROM "span_detail" AS d WHERE ${match})`,
    param,
  );
  const found = await directSql(sql).$queryRawUnsafe<{ id: number | bigint; t: string }[]>(
    `${keys} SELECT d."id" AS "id", k."t" AS "t" FROM "k" JOIN "span_detail" AS d ON ${match}`,
    param,
  );
  for (const { id, t } of found) ids.set(t, toNumber(id));
  return ids;
}
