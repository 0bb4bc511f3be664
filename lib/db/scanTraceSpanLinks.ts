// A trace's spans as the OTLP export plans its tree: ids, parent, names, place and times, without
// the detail text or the payload rests (most of a row's bytes, and all of its parsing), a page at
// a time in span id order (keyset, as scanTraceSpanRows), so no million rows are ever held.
import type { Span } from "../span/types";
import type { Db } from "./client";
import { toNumberOrNull } from "./sql";

export type SpanLink = Pick<Span, "spanId" | "parentId" | "name" | "project" | "service" | "host" | "startUs" | "stopUs">;

type RawLink = {
  span_id: string;
  parent_id: string;
  name: string;
  project: string;
  service: string;
  host: string;
  start_us: number | bigint | null;
  stop_us: number | bigint | null;
};

const COLUMNS = `s."span_id", s."parent_id", s."name", s."project", s."service", s."host", s."start_us", s."stop_us"`;

export async function* scanTraceSpanLinks(db: Db, traceId: string, pageSize = 5000): AsyncGenerator<SpanLink[]> {
  const [p1, p2] = db.dialect === "sqlite" ? ["?", "?"] : ["$1", "$2"];
  const select = `SELECT ${COLUMNS} FROM "span" AS s WHERE s."trace_id" = ${p1}`;
  let after: string | null = null;
  for (;;) {
    const rows: RawLink[] =
      after === null
        ? await db.prisma.$queryRawUnsafe<RawLink[]>(`${select} ORDER BY s."span_id" LIMIT ${pageSize}`, traceId)
        : await db.prisma.$queryRawUnsafe<RawLink[]>(
            `${select} AND s."span_id" > ${p2} ORDER BY s."span_id" LIMIT ${pageSize}`,
            traceId,
            after,
          );
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.span_id;
    yield rows.map((r) => ({
      spanId: r.span_id,
      parentId: r.parent_id,
      name: r.name,
      project: r.project,
      service: r.service,
      host: r.host,
      startUs: toNumberOrNull(r.start_us),
      stopUs: toNumberOrNull(r.stop_us),
    }));
    if (rows.length < pageSize) return;
  }
}
