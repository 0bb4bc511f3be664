// span_detail holds each detail text and long exception message once, shared by the spans of
// any number of traces (upsertSpanDetails.ts). When retention deletes spans, the rows they named
// and no remaining span names are deleted too, or a sender of distinct long texts would grow the
// database for good, past what the size budget deletes (docs/benchmarks.md §74). Found by the
// indexes of migration 0013 on span.detail_id and span.message_id: a lookup per row named.
//
// Safe against ingest because both run under the writer lock: the caller deletes in the
// transaction that holds it exclusively, and a batch looks a text's id up and writes the span
// that names it in one transaction that holds it shared (storeBatch.ts). So a batch that found
// a row either committed its span before the delete looked (the row is named: kept) or looks
// after the delete committed (the row is gone: the batch inserts the text again). On SQLite the
// one writer gives the same order.
import type { Dialect } from "./client";
import { chunks, toNumber, type SqlRunner } from "./sql";

/** The span_detail ids named by spans a `DELETE ... RETURNING "detail_id", "message_id"` gave back. */
export type NamedDetails = { detail_id: number | bigint | null; message_id: number | bigint | null }[];

/** What a DELETE FROM "span" appends to give back the rows it named (collectNamedDetails). */
export const RETURNING_NAMED_DETAILS = `RETURNING "detail_id", "message_id"`;

/** Ids deleted per statement: one JSON parameter, a quick statement under the writer lock. */
const IDS_PER_DELETE = 10_000;

/** Adds the span_detail ids `rows` name to `into`. */
export function collectNamedDetails(rows: NamedDetails, into: Set<number> = new Set()): Set<number> {
  for (const r of rows) {
    if (r.detail_id !== null) into.add(toNumber(r.detail_id));
    if (r.message_id !== null) into.add(toNumber(r.message_id));
  }
  return into;
}

/**
 * Deletes the span_detail rows among `ids` that no span names, as its detail or its message;
 * returns how many. `sql` must hold the writer lock exclusively (writeLock.ts).
 */
export async function deleteUnusedSpanDetails(sql: SqlRunner, dialect: Dialect, ids: Iterable<number>): Promise<number> {
  const listed = dialect === "sqlite" ? `SELECT "value" FROM json_each(?)` : `SELECT jsonb_array_elements_text($1::jsonb)::integer`;
  let deleted = 0;
  for (const batch of chunks([...ids], IDS_PER_DELETE)) {
    deleted += await sql.$executeRawUnsafe(
      `DELETE FROM "span_detail" WHERE "id" IN (${listed}) ` +
        `AND NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."detail_id" = "span_detail"."id") ` +
        `AND NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."message_id" = "span_detail"."id")`,
      JSON.stringify(batch),
    );
  }
  return deleted;
}
