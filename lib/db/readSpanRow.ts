import type { SpanRow } from "../span/types";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

/** One stored span, payload rests included, by its primary key; null when not stored. */
export async function readSpanRow(db: Db, traceId: string, spanId: string): Promise<SpanRow | null> {
  const rows = await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
    `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"} AND s."span_id" = ${db.dialect === "sqlite" ? "?" : "$2"}`,
    traceId,
    spanId,
  );
  return rows[0] ? convertRawToSpanRow(rows[0]) : null;
}
