import type { SpanRow } from "../span/types";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

/** Every stored row of `traceId`, payload rests included: for exports (OSprofiler's report). */
export async function readTraceSpanRows(db: Db, traceId: string): Promise<SpanRow[]> {
  const rows = await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
    `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"}`,
    traceId,
  );
  return rows.map(convertRawToSpanRow);
}
