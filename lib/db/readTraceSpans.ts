// One trace's spans for drawing it, without payloads (the details panel fetches those per span;
// only a span that raised brings its stop payload, for the exception message).
//
// Speed matters here (a 100k-span trace must open in well under a second), and two things
// dominate: per-row work in the driver, and the `detail` text (SQL statements of ~1 KB each,
// ~100 MB for a 100k-span trace, yet a few dozen distinct values). So each distinct detail is
// read once and equal details come back as one shared string; rows arrive as JSON array text
// that JSON.parse turns into arrays far faster than the adapters convert rows.
// - PostgreSQL: one statement grouping the rows by detail (a hash aggregate).
// - SQLite: grouping would sort ~100 MB, so first the distinct details, then the rows, each with
//   the index of its detail, matched by the database. A row whose detail arrived between the
//   two statements carries its text instead, so no transaction (and no writer wait) is needed.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { Db } from "./client";
import { readIntegerOrNull } from "./traceListItemColumns";
import { tuneSqliteReads } from "./tuneSqliteReads";

/** [span_id, parent_id, name, project, service, host, start_us, stop_us, error_type, stop_rest of an error, detail index or text]. */
type TreeRow = [string, string, string, string, string, string, number | null, number | null, string | null, string | null, (number | string | null)?];

const TREE_COLUMNS =
  `s."span_id", s."parent_id", s."name", s."project", s."service", s."host", s."start_us", s."stop_us", s."error_type", ` +
  `CASE WHEN s."error_type" IS NULL THEN NULL ELSE s."stop_rest" END`;

const SQLITE_DETAILS = `SELECT DISTINCT "detail" AS "d" FROM "span" WHERE "trace_id" = ? AND "detail" IS NOT NULL`;
const SQLITE_ROWS =
  `WITH "d" AS MATERIALIZED (SELECT "key" AS "k", "value" AS "t" FROM json_each(?)) ` +
  `SELECT json_group_array(json_array(${TREE_COLUMNS}, coalesce("d"."k", s."detail"))) AS "rows" ` +
  `FROM "span" AS s LEFT JOIN "d" ON "d"."t" = s."detail" WHERE s."trace_id" = ?`;

const PG_GROUPS =
  `SELECT s."detail" AS "detail", json_agg(json_build_array(${TREE_COLUMNS}))::text AS "rows" ` +
  `FROM "span" AS s WHERE s."trace_id" = $1 GROUP BY s."detail"`;

/** The spans of `traceId` without payloads (startPayload/stopPayload null), in no particular order. */
export async function readTraceSpans(db: Db, traceId: string): Promise<Span[]> {
  const spans: Span[] = [];
  if (db.dialect === "postgresql") {
    const groups = await db.prisma.$queryRawUnsafe<{ detail: string | null; rows: string }[]>(PG_GROUPS, traceId);
    for (const group of groups) for (const row of JSON.parse(group.rows) as TreeRow[]) spans.push(convertTreeRowToSpan(traceId, row, group.detail));
    return spans;
  }
  await tuneSqliteReads(db);
  const details = (await db.prisma.$queryRawUnsafe<{ d: string }[]>(SQLITE_DETAILS, traceId)).map((r) => r.d);
  const [result] = await db.prisma.$queryRawUnsafe<{ rows: string }[]>(SQLITE_ROWS, JSON.stringify(details), traceId);
  for (const row of JSON.parse(result?.rows ?? "[]") as TreeRow[]) {
    const k = row[10] ?? null;
    spans.push(convertTreeRowToSpan(traceId, row, typeof k === "number" ? details[k]! : k));
  }
  return spans;
}

function convertTreeRowToSpan(traceId: string, r: TreeRow, detail: string | null): Span {
  const [spanId, parentId, name, project, service, host, start, stop, errorType, errorRest] = r;
  const startUs = readIntegerOrNull(start);
  const stopUs = readIntegerOrNull(stop);
  if (errorType !== null) {
    return convertSpanRowToSpan(
      { traceId, spanId, parentId, name, project, service, host, startUs, stopUs, errorType, detail, startRest: null, stopRest: errorRest },
      { payloads: false },
    );
  }
  return { traceId, spanId, parentId, name, project, service, host, startUs, stopUs, error: null, detail, startPayload: null, stopPayload: null };
}
