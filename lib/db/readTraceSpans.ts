// One trace's spans for drawing it, without payloads (the details panel fetches those per span;
// only a span that raised brings its stop payload, for the exception message).
//
// Speed matters here (a 100k-span trace must open in well under a second), and two things
// dominate: per-row work in the driver, and the repeated texts: a detail is often a ~1 KB SQL
// statement (stored once in span_detail), yet a trace has only a few thousand distinct
// (detail, name, project, service, host) combinations at most. So one statement groups the
// rows by that combination, on the detail's id, and joins each group's text: each group's
// texts arrive once (and become one shared string, which the trace model then interns for
// free), and its rows arrive as one text, far cheaper than rows through the adapters. A group's
// rows are ids (UUIDs, validated at ingest) and integers joined by spaces, split in one call;
// only spans that raised, whose stop payload rest is free text, come as JSON arrays.
// PostgreSQL gets enough work_mem to hash the groups in memory (measured for a 100k-span trace:
// ~400 ms with the default 4 MB, which sorts on disk; ~250 ms with 64 MB), and no JIT: the
// planner prices a big trace's statement high enough to compile it, which cost 40-300 ms a
// request and saved nothing (measured 464-582 ms with JIT, 241-261 ms without, 100k spans).
//
// For the page (`described` given), a detail stored with its description (span_detail.clip,
// migration 0011: one too long to send whole) comes as its first characters and that
// description; the span holds a stand-in that names it (clipTraceTexts.ts clips by the
// description). So a trace of thousands of distinct 64K statements is not read whole, nor hashed
// and normalized, on every GET (docs/benchmarks.md §66). Details stored before 0011 come whole.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { LongTextDescription } from "../trace/describeLongText";
import { DETAIL_OR_HEAD, standInForDescribed } from "./describedDetail";
import type { Db } from "./client";
import { readIntegerOrNull } from "./traceListItemColumns";

type Group = {
  detail: string | null;
  detail_id: number | bigint | null;
  /** span_detail.clip, when read for the page. */
  clip?: string | null;
  name: string;
  project: string;
  service: string;
  host: string;
  error_type: string | null;
  /** "spanId parentId startUs stopUs spanId ...", times empty when missing; spans without an error. */
  plain: string | null;
  /** JSON [[spanId, parentId, startUs, stopUs, stopRest], ...]; spans with error_type. */
  raised: string | null;
};

type RaisedRow = [string, string, number | null, number | null, string | null];

const GROUP_BY = `s."detail_id", s."name", s."project", s."service", s."host", s."error_type"`;

// A lookup per group, not a join: PostgreSQL would merge-join by walking span_detail's key
// from the start (tens of thousands of entries for a 10k-span trace, ~15 ms).
const DETAIL_TEXT = `(SELECT d."text" FROM "span_detail" AS d WHERE d."id" = g."detail_id") AS "detail"`;
const DETAIL_HEAD =
  `(SELECT ${DETAIL_OR_HEAD} FROM "span_detail" AS d WHERE d."id" = g."detail_id") AS "detail", ` +
  `(SELECT d."clip" FROM "span_detail" AS d WHERE d."id" = g."detail_id") AS "clip"`;
const selectSqliteGroups = (details: string) =>
  `SELECT ${details}, g.* FROM (SELECT ${GROUP_BY}, ` +
  `group_concat(s."span_id" || ' ' || s."parent_id" || ' ' || ifnull(s."start_us", '') || ' ' || ifnull(s."stop_us", ''), ' ') ` +
  `FILTER (WHERE s."error_type" IS NULL) AS "plain", ` +
  `json_group_array(json_array(s."span_id", s."parent_id", s."start_us", s."stop_us", s."stop_rest")) FILTER (WHERE s."error_type" IS NOT NULL) AS "raised" ` +
  `FROM "span" AS s WHERE s."trace_id" = ? GROUP BY ${GROUP_BY}) AS g`;
const selectPgGroups = (details: string) =>
  `SELECT ${details}, g.* FROM (SELECT ${GROUP_BY}, ` +
  `string_agg(s."span_id" || ' ' || s."parent_id" || ' ' || coalesce(s."start_us"::text, '') || ' ' || coalesce(s."stop_us"::text, ''), ' ') ` +
  `FILTER (WHERE s."error_type" IS NULL) AS "plain", ` +
  `json_agg(json_build_array(s."span_id", s."parent_id", s."start_us", s."stop_us", s."stop_rest")) FILTER (WHERE s."error_type" IS NOT NULL)::text AS "raised" ` +
  `FROM "span" AS s WHERE s."trace_id" = $1 GROUP BY ${GROUP_BY}) AS g`;
const SQLITE_GROUPS = selectSqliteGroups(DETAIL_TEXT);
const SQLITE_GROUPS_DESCRIBED = selectSqliteGroups(DETAIL_HEAD);
const PG_GROUPS = selectPgGroups(DETAIL_TEXT);
const PG_GROUPS_DESCRIBED = selectPgGroups(DETAIL_HEAD);
const PG_WORK_MEM = "64MB";

/**
 * The spans of `traceId` without payloads (startPayload/stopPayload null), in no particular order.
 * With `described`, a long detail stored with its description is a stand-in, and the map gets
 * the description by the stand-in (for clipTraceTexts); without it, every detail is whole.
 */
export async function readTraceSpans(db: Db, traceId: string, described?: Map<string, LongTextDescription>): Promise<Span[]> {
  let groups: Group[];
  if (db.dialect === "sqlite") {
    groups = await db.prisma.$queryRawUnsafe<Group[]>(described ? SQLITE_GROUPS_DESCRIBED : SQLITE_GROUPS, traceId);
  } else {
    groups = await db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${PG_WORK_MEM}'`);
        await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
        return tx.$queryRawUnsafe<Group[]>(described ? PG_GROUPS_DESCRIBED : PG_GROUPS, traceId);
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
  }
  const spans: Span[] = [];
  for (const group of groups) {
    if (described && group.clip != null && group.detail !== null && group.detail_id !== null)
      group.detail = standInForDescribed(described, group.detail_id, group.clip, group.detail);
    if (group.plain !== null) {
      const fields = group.plain.split(" ");
      if (fields.length % 4 !== 0) throw new Error(`readTraceSpans: span ids of trace ${traceId} are not UUIDs`);
      for (let i = 0; i < fields.length; i += 4) {
        spans.push({
          traceId,
          spanId: fields[i]!,
          parentId: fields[i + 1]!,
          name: group.name,
          project: group.project,
          service: group.service,
          host: group.host,
          startUs: readTime(fields[i + 2]!),
          stopUs: readTime(fields[i + 3]!),
          error: null,
          detail: group.detail,
          startPayload: null,
          stopPayload: null,
        });
      }
    }
    if (group.raised !== null)
      for (const row of JSON.parse(group.raised) as RaisedRow[]) spans.push(convertRaisedRowToSpan(traceId, row, group));
  }
  return spans;
}

function readTime(text: string): number | null {
  return text === "" ? null : Number(text);
}

/** A span that raised keeps its stop payload's rest, for the exception message. */
function convertRaisedRowToSpan(traceId: string, [spanId, parentId, start, stop, stopRest]: RaisedRow, group: Group): Span {
  const { detail, name, project, service, host, error_type: errorType } = group;
  return convertSpanRowToSpan(
    {
      traceId,
      spanId,
      parentId,
      name,
      project,
      service,
      host,
      startUs: readIntegerOrNull(start),
      stopUs: readIntegerOrNull(stop),
      errorType,
      detail,
      startRest: null,
      stopRest,
    },
    { payloads: false },
  );
}
