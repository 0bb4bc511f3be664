import { spanKey } from "../ingest/spanKey";
import type { SpanRow } from "../span/types";
import type { Dialect } from "./client";
import { convertRawToSpanRow, JOIN_SPAN_DETAIL, SPAN_ROW_SELECT, type RawSpanRow } from "./spanColumns";
import { selectJsonRows, type SqlRunner } from "./sql";
import { directSql } from "./directSql";

const KEY_COLUMNS = [
  { name: "t", type: "text" },
  { name: "s", type: "text" },
] as const;

/** The stored rows among `keys` ([traceId, spanId]), by spanKey: one indexed lookup per key. */
export async function readSpanRowsByKey(
  sql: SqlRunner,
  dialect: Dialect,
  keys: readonly [string, string][],
): Promise<Map<string, SpanRow>> {
  const found = new Map<string, SpanRow>();
  if (keys.length === 0) return found;
  // A join, not `(a, b) IN (...)`: SQLite answers a row-value IN with a full table scan.
  const rows = await directSql(sql).$queryRawUnsafe<RawSpanRow[]>(
    `WITH "k" AS (${selectJsonRows(dialect, KEY_COLUMNS)}) ` +
      `SELECT ${SPAN_ROW_SELECT} FROM "k" JOIN "span" AS s ON s."trace_id" = "k"."t" AND s."span_id" = "k"."s" ${JOIN_SPAN_DETAIL}`,
    JSON.stringify(keys),
  );
  for (const raw of rows) found.set(spanKey(raw.trace_id, raw.span_id), convertRawToSpanRow(raw));
  return found;
}
