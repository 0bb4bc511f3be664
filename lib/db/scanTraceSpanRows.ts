// Every stored row of a trace, payload rests included, a page at a time in span id order (keyset:
// each page starts after the last id of the one before), so neither the driver nor the caller
// ever holds a million rows at once: what a streamed export reads to plan the report.
// The order is the primary key's, which is also the order SQLite returns a trace's rows in
// without ORDER BY (the span table is WITHOUT ROWID), so ties keep the order they always had.
// A caller that needs a row's rests only when their text holds certain keys (the report's plan
// once its indentation is decided: addRowToReportPlan) says so before each page, and the other
// rows come without rests or detail text: most of a row's bytes, never read by the driver then.
import type { SpanRow } from "../span/types";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

export type ScanTraceSpanRowsOptions = {
  pageSize?: number;
  /** Asked before each page: null for every row's rests, else the texts a rest must hold to be read. */
  restsHolding?: () => readonly string[] | null;
};

export async function* scanTraceSpanRows(db: Db, traceId: string, options: ScanTraceSpanRowsOptions = {}): AsyncGenerator<SpanRow[]> {
  const pageSize = options.pageSize ?? 2000;
  const [p1, p2] = db.dialect === "sqlite" ? ["?", "?"] : ["$1", "$2"];
  const full = `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${p1}`;
  let after: string | null = null;
  for (;;) {
    const keys = options.restsHolding?.() ?? null;
    const select = keys === null ? full : selectRestsHolding(db, keys, p1);
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

/** The rows, with rests and detail text only where a rest holds one of `keys` (plain texts, no quote of SQL's own). */
function selectRestsHolding(db: Db, keys: readonly string[], p1: string): string {
  const find = db.dialect === "sqlite" ? "instr" : "strpos";
  for (const key of keys) if (key.includes("'")) throw new Error(`scanTraceSpanRows: ${key} cannot be looked for`);
  const holds = keys.flatMap((key) => [`${find}(s."start_rest", '${key}') > 0`, `${find}(s."stop_rest", '${key}') > 0`]).join(" OR ");
  const when = `CASE WHEN ${keys.length === 0 ? "FALSE" : holds} THEN`;
  return (
    `SELECT s."trace_id", s."span_id", s."parent_id", s."name", s."project", s."service", s."host", s."start_us", s."stop_us", s."error_type", ` +
    `${when} (SELECT d."text" FROM "span_detail" AS d WHERE d."id" = s."detail_id") END AS "detail", ` +
    `${when} s."start_rest" END AS "start_rest", ${when} s."stop_rest" END AS "stop_rest" ` +
    `FROM "span" AS s WHERE s."trace_id" = ${p1}`
  );
}
