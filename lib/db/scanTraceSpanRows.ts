// Every stored row of a trace, payload rests included, a page at a time in span id order (keyset:
// each page starts after the last id of the one before), so neither the driver nor the caller
// ever holds a million rows at once: what a streamed export reads to plan the report.
// The order is the primary key's, which is also the order SQLite returns a trace's rows in
// without ORDER BY (the span table is WITHOUT ROWID), so ties keep the order they always had.
import type { SpanRow } from "../span/types";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

export async function* scanTraceSpanRows(db: Db, traceId: string, pageSize = 2000): AsyncGenerator<SpanRow[]> {
  const [p1, p2] = db.dialect === "sqlite" ? ["?", "?"] : ["$1", "$2"];
  const select = `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${p1}`;
  let after: string | null = null;
  for (;;) {
    const rows: RawSpanRow[] =
      after === null
        ? await db.prisma.$queryRawUnsafe<RawSpanRow[]>(`${select} ORDER BY s."span_id" LIMIT ${pageSize}`, traceId)
        : await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
            `${select} AND s."span_id" > ${p2} ORDER BY s."span_id" LIMIT ${pageSize}`,
            traceId,
            after,
          );
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.span_id;
    yield rows.map(convertRawToSpanRow);
    if (rows.length < pageSize) return;
  }
}
