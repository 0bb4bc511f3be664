import type { SpanRow } from "../span/types";
import type { Dialect } from "./client";
import { takeKeyLocks } from "./takeKeyLocks";
import { selectJsonRows, storableText, toNumber, type SqlRunner } from "./sql";
import { directSql } from "./directSql";
import { createTextMap, type TextMap } from "../span/createTextMap";
import { describeLongMessage, describeLongText } from "../trace/describeLongText";

const TEXT_COLUMNS = [{ name: "t", type: "text" }] as const;
const NEW_TEXT_COLUMNS = [...TEXT_COLUMNS, { name: "c", type: "text" }] as const;

/**
 * Stores the detail texts of `rows` that span_detail lacks and returns the id of each, by its
 * storable text. A text is shared by spans of many traces, and most texts of a batch are stored
 * already (the same statements recur everywhere), so their ids are read first, without a lock:
 * a committed span_detail row is never changed, and deleted only by retention once no span names
 * it, under the writer lock held exclusively (deleteUnusedSpanDetails.ts), which this batch's
 * transaction holds shared: an id read here is good until commit, and the span written with it
 * keeps the row from then on. So the lookup must stay in the transaction that writes the spans,
 * after the writer lock (storeBatch.ts). Only the
 * missing texts are locked (takeKeyLocks.ts, after the trace locks) and inserted on PostgreSQL,
 * where batches of different traces run side by side: the lock keeps another writer from
 * inserting the same text between the insert's check and its write; the insert, a statement
 * after the lock, sees what a writer that held it committed (SQLite has one writer anyway).
 * A new text too long for the trace page to send whole is stored with its description
 * (describeLongText.ts), worked out here once instead of on every GET; a shorter one costs a length test.
 * `shapes`: the normalized shapes the batch's plan worked out already, by text (planTraceAggregates.ts).
 * `messages`: long exception messages (storable as they are: describedDetail.ts), stored the same
 * way with a description of their text alone (a message is never normalized or labelled), so the
 * trace page need not read them whole either (migration 0012).
 */
export async function upsertSpanDetails(
  sql: SqlRunner,
  dialect: Dialect,
  rows: readonly SpanRow[],
  shapes?: TextMap<string>,
  messages: Iterable<string | null> = [],
): Promise<TextMap<number>> {
  // TextMaps: a batch may bring thousands of distinct 64K statements (createTextMap.ts).
  // By text, whether some row has it as its detail (else it is only a message).
  const distinct = createTextMap<boolean>();
  for (const row of rows) if (row.detail !== null) distinct.set(storableText(row.detail), true);
  for (const message of messages) if (message !== null && !distinct.has(message)) distinct.set(message, false);
  const texts = [...distinct.keys()];
  const ids = createTextMap<number>();
  if (texts.length === 0) return ids;
  // SQLite finds a text by its unique index; PostgreSQL by an md5 index (a btree entry cannot
  // hold a long statement), then compares the text itself.
  const match = dialect === "sqlite" ? `d."text" = k."t"` : `md5(d."text") = md5(k."t") AND d."text" = k."t"`;
  const keys = `WITH "k" AS (${selectJsonRows(dialect, TEXT_COLUMNS)})`;
  const lookUp = async (wanted: Iterable<string>) => {
    const found = await directSql(sql).$queryRawUnsafe<{ id: number | bigint; t: string }[]>(
      `${keys} SELECT d."id" AS "id", k."t" AS "t" FROM "k" JOIN "span_detail" AS d ON ${match}`,
      JSON.stringify([...wanted].map((t) => [t])),
    );
    for (const { id, t } of found) ids.set(t, toNumber(id));
  };
  await lookUp(texts);
  const missing = texts.filter((t) => !ids.has(t));
  if (missing.length === 0) return ids;
  if (dialect === "postgresql") await takeKeyLocks(sql, "detail", missing);
  await directSql(sql).$executeRawUnsafe(
    `WITH "k" AS (${selectJsonRows(dialect, NEW_TEXT_COLUMNS)}) INSERT INTO "span_detail" ("text", "clip") ` +
      `SELECT k."t", k."c" FROM "k" WHERE NOT EXISTS (SELECT 1 FROM "span_detail" AS d WHERE ${match})`,
    JSON.stringify(missing.map((t) => [t, distinct.get(t) ? describeLongText(t, shapes?.get(t)) : describeLongMessage(t)])),
  );
  await lookUp(missing);
  return ids;
}
