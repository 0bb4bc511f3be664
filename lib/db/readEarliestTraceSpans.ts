// The first spans of a trace in time, without payloads: what a million-span trace's page shows
// before the whole trace is read (lib/api/renderCompactTraceChunks). The top of a trace is where
// it starts: its root, and the calls that began first under it. The ids come from the index on
// (trace_id, start_us) (migration 0009), read in order and stopped after `limit` entries, then
// only those rows are read whole.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { LongTextDescription } from "../trace/describeLongText";
import type { Db } from "./client";
import { DETAIL_OR_HEAD, standInForDescribed } from "./describedDetail";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

// With `described`, a long detail stored with its description comes as a stand-in (describedDetail.ts).
const DESCRIBED_ROW_SELECT = `${SPAN_ROW_SELECT.replace(`d."text" AS "detail"`, `${DETAIL_OR_HEAD} AS "detail"`)}, d."clip" AS "clip", s."detail_id" AS "detail_id"`;

/** The ids of a trace's `limit` earliest-starting spans; `traceId` and `limit` are the placeholders' SQL. */
export function selectEarliestSpanIds(traceId: string, limit: string): string {
  return `SELECT e."span_id" FROM "span" AS e WHERE e."trace_id" = ${traceId} AND e."start_us" IS NOT NULL ORDER BY e."start_us" LIMIT ${limit}`;
}

/**
 * Up to `limit` spans of `traceId` with the earliest starts (spans without a start are left out),
 * in no particular order; with `described`, as readTraceSpans reads them for the page.
 */
export async function readEarliestTraceSpans(
  db: Db,
  traceId: string,
  limit: number,
  described?: Map<string, LongTextDescription>,
): Promise<Span[]> {
  const [a, b, c] = db.dialect === "sqlite" ? ["?", "?", "?"] : ["$1", "$2", "$3"];
  const rows = await db.prisma.$queryRawUnsafe<(RawSpanRow & { clip?: string | null; detail_id?: number | bigint | null })[]>(
    `SELECT ${described ? DESCRIBED_ROW_SELECT : SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${a} AND s."span_id" IN (${selectEarliestSpanIds(b, c)})`,
    traceId,
    traceId,
    limit,
  );
  return rows.map((r) => {
    if (described && r.clip != null && r.detail !== null && r.detail_id != null)
      r.detail = standInForDescribed(described, r.detail_id, r.clip, r.detail);
    return convertSpanRowToSpan(convertRawToSpanRow(r), { payloads: false });
  });
}
