import type { SpanRow } from "../span/types";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_COLUMNS, type RawSpanRow } from "./spanColumns";
import { columnList } from "./sql";

/** Every stored row of `traceId`, payload rests included: for exports (OSprofiler's report). */
export async function readTraceSpanRows(db: Db, traceId: string): Promise<SpanRow[]> {
  const rows = await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
    `SELECT ${columnList(SPAN_COLUMNS)} FROM "span" WHERE "trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"}`,
    traceId,
  );
  return rows.map(convertRawToSpanRow);
}
