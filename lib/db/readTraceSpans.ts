// One trace's spans for drawing it, without payloads (the details panel fetches those per span;
// only a span that raised brings its stop payload, for the exception message).
//
// Speed matters here (a 100k-span trace must open in well under a second), and two things
// dominate: per-row work in the driver, and the repeated texts: `detail` is often a ~1 KB SQL
// statement (~100 MB for a 100k-span trace), yet a trace has only a few thousand distinct
// (detail, name, project, service, host) combinations at most. So one statement groups the rows
// by that combination: each group's texts arrive once (and become one shared string, which the
// trace model then interns for free), and its rows arrive as one JSON array text that
// JSON.parse turns into arrays far faster than the adapters convert rows. Same SQL shape on
// both databases; PostgreSQL gets enough work_mem to hash the groups in memory (measured for a
// 100k-span trace: ~400 ms with the default 4 MB, which sorts on disk; ~250 ms with 64 MB).
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { Db } from "./client";
import { readIntegerOrNull } from "./traceListItemColumns";
import { tuneSqliteReads } from "./tuneSqliteReads";

/** [span_id, parent_id, start_us, stop_us, error_type, stop_rest of a span that raised]. */
type TreeRow = [string, string, number | null, number | null, string | null, string | null];

type Group = { detail: string | null; name: string; project: string; service: string; host: string; rows: string };

const ROW = `s."span_id", s."parent_id", s."start_us", s."stop_us", s."error_type", CASE WHEN s."error_type" IS NULL THEN NULL ELSE s."stop_rest" END`;
const GROUP_BY = `s."detail", s."name", s."project", s."service", s."host"`;

const SQLITE_GROUPS =
  `SELECT ${GROUP_BY}, json_group_array(json_array(${ROW})) AS "rows" FROM "span" AS s WHERE s."trace_id" = ? GROUP BY ${GROUP_BY}`;
const PG_GROUPS =
  `SELECT ${GROUP_BY}, json_agg(json_build_array(${ROW}))::text AS "rows" FROM "span" AS s WHERE s."trace_id" = $1 GROUP BY ${GROUP_BY}`;
const PG_WORK_MEM = "64MB";

/** The spans of `traceId` without payloads (startPayload/stopPayload null), in no particular order. */
export async function readTraceSpans(db: Db, traceId: string): Promise<Span[]> {
  let groups: Group[];
  if (db.dialect === "sqlite") {
    await tuneSqliteReads(db);
    groups = await db.prisma.$queryRawUnsafe<Group[]>(SQLITE_GROUPS, traceId);
  } else {
    groups = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${PG_WORK_MEM}'`);
      return tx.$queryRawUnsafe<Group[]>(PG_GROUPS, traceId);
    }, { maxWait: 30_000, timeout: 120_000 });
  }
  const spans: Span[] = [];
  for (const group of groups) {
    for (const row of JSON.parse(group.rows) as TreeRow[]) spans.push(convertTreeRowToSpan(traceId, row, group));
  }
  return spans;
}

function convertTreeRowToSpan(traceId: string, r: TreeRow, kind: Group): Span {
  const [spanId, parentId, start, stop, errorType, errorRest] = r;
  const { detail, name, project, service, host } = kind;
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
