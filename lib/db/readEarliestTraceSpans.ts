// The first spans of a trace in time, without payloads: what a million-span trace's page shows
// before the whole trace is read (lib/api/renderCompactTraceChunks). The top of a trace is where
// it starts: its root, and the calls that began first under it. One pass over the trace's rows
// with a bounded sort (top `limit` by start), then only those rows are read whole.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

/** Up to `limit` spans of `traceId` with the earliest starts (spans without a start are left out), in no particular order. */
export async function readEarliestTraceSpans(db: Db, traceId: string, limit: number): Promise<Span[]> {
  const [a, b, c] = db.dialect === "sqlite" ? ["?", "?", "?"] : ["$1", "$2", "$3"];
  const rows = await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
    `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${a} AND s."span_id" IN ` +
      `(SELECT e."span_id" FROM "span" AS e WHERE e."trace_id" = ${b} AND e."start_us" IS NOT NULL ORDER BY e."start_us" LIMIT ${c})`,
    traceId,
    traceId,
    limit,
  );
  return rows.map((r) => convertSpanRowToSpan(convertRawToSpanRow(r), { payloads: false }));
}
