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
// The same for a long exception message (span.message_id, migration 0012, §69): a span that
// names one comes without its stop's rest, and the message's row is read once, by a second
// query that only a trace with such messages runs. Spans stored before 0012 bring their rest.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { LongTextDescription } from "../trace/describeLongText";
import {
  DETAIL_CLIP,
  DETAIL_OR_HEAD,
  messageOrHead,
  pageMessage,
  readDetailHead,
  showUnstorableMessage,
  standInForDescribed,
  type DetailHead,
} from "./describedDetail";
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
  /** JSON [[spanId, parentId, startUs, stopUs, stopRest, messageId?], ...]; spans with error_type. */
  raised: string | null;
};

/** For the page, a described message's span_detail id, and no rest (the message is all the page reads of it). */
type RaisedRow = [string, string, number | null, number | null, string | null, (number | null)?];

const GROUP_BY = `s."detail_id", s."name", s."project", s."service", s."host", s."error_type"`;
const RAISED_WHOLE = `s."span_id", s."parent_id", s."start_us", s."stop_us", s."stop_rest"`;
const RAISED_DESCRIBED = `s."span_id", s."parent_id", s."start_us", s."stop_us", CASE WHEN s."message_id" IS NULL THEN s."stop_rest" END, s."message_id"`;

// A lookup per group, not a join: PostgreSQL would merge-join by walking span_detail's key
// from the start (tens of thousands of entries for a 10k-span trace, ~15 ms). For the page, the
// lookup reads two columns: SQLite joins (always a loop, here by rowid); PostgreSQL takes a
// LATERAL subquery, which its LIMIT keeps from being flattened into a join it could merge.
const DETAIL_TEXT = (groups: string) =>
  `SELECT (SELECT d."text" FROM "span_detail" AS d WHERE d."id" = g."detail_id") AS "detail", g.* FROM (${groups}) AS g`;
const SQLITE_DETAIL_HEAD = (groups: string) =>
  `SELECT ${DETAIL_OR_HEAD} AS "detail", ${DETAIL_CLIP} AS "clip", g.* FROM (${groups}) AS g LEFT JOIN "span_detail" AS d ON d."id" = g."detail_id"`;
const PG_DETAIL_HEAD = (groups: string) =>
  `SELECT h."detail", h."clip", g.* FROM (${groups}) AS g LEFT JOIN LATERAL ` +
  `(SELECT ${DETAIL_OR_HEAD} AS "detail", ${DETAIL_CLIP} AS "clip" FROM "span_detail" AS d WHERE d."id" = g."detail_id" LIMIT 1) AS h ON true`;
const sqliteGroups = (raised: string) =>
  `SELECT ${GROUP_BY}, ` +
  `group_concat(s."span_id" || ' ' || s."parent_id" || ' ' || ifnull(s."start_us", '') || ' ' || ifnull(s."stop_us", ''), ' ') ` +
  `FILTER (WHERE s."error_type" IS NULL) AS "plain", ` +
  `json_group_array(json_array(${raised})) FILTER (WHERE s."error_type" IS NOT NULL) AS "raised" ` +
  `FROM "span" AS s WHERE s."trace_id" = ? GROUP BY ${GROUP_BY}`;
const pgGroups = (raised: string) =>
  `SELECT ${GROUP_BY}, ` +
  `string_agg(s."span_id" || ' ' || s."parent_id" || ' ' || coalesce(s."start_us"::text, '') || ' ' || coalesce(s."stop_us"::text, ''), ' ') ` +
  `FILTER (WHERE s."error_type" IS NULL) AS "plain", ` +
  `json_agg(json_build_array(${raised})) FILTER (WHERE s."error_type" IS NOT NULL)::text AS "raised" ` +
  `FROM "span" AS s WHERE s."trace_id" = $1 GROUP BY ${GROUP_BY}`;
const SQLITE_GROUPS = DETAIL_TEXT(sqliteGroups(RAISED_WHOLE));
const SQLITE_GROUPS_DESCRIBED = SQLITE_DETAIL_HEAD(sqliteGroups(RAISED_DESCRIBED));
const PG_GROUPS = DETAIL_TEXT(pgGroups(RAISED_WHOLE));
const PG_GROUPS_DESCRIBED = PG_DETAIL_HEAD(pgGroups(RAISED_DESCRIBED));
const PG_WORK_MEM = "64MB";

/** The described messages' rows, by the ids a JSON array lists (read once each, however many spans share one). */
const SELECT_MESSAGES = `SELECT d."id" AS "id", ${messageOrHead("d")} AS "head", d."clip" AS "clip" FROM "span_detail" AS d WHERE d."id" IN `;
const SQLITE_MESSAGES = `${SELECT_MESSAGES}(SELECT "value" FROM json_each(?))`;
const PG_MESSAGES = `${SELECT_MESSAGES}(SELECT jsonb_array_elements_text($1::jsonb)::integer)`;

/**
 * The spans of `traceId` without payloads (startPayload/stopPayload null), in no particular order.
 * With `described`, a long detail or exception message stored with its description is a
 * stand-in, and the map gets the description by the stand-in (for clipTraceTexts); without it,
 * every text is whole.
 */
export async function readTraceSpans(db: Db, traceId: string, described?: Map<string, LongTextDescription>): Promise<Span[]> {
  // The messages are a second read: retention may delete some of the trace's spans, and the
  // message rows only they named, between the two (deleteUnusedSpanDetails.ts). Read again,
  // the trace is what it is after that delete.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readTraceSpansOnce(db, traceId, described);
    } catch (error) {
      if (!(error instanceof MessageGone) || attempt === READ_ATTEMPTS) throw error;
    }
  }
}

const READ_ATTEMPTS = 3;

/** A span read names a message row the next read did not find. */
class MessageGone extends Error {}

async function readTraceSpansOnce(db: Db, traceId: string, described?: Map<string, LongTextDescription>): Promise<Span[]> {
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
  // Spans that raised first: the page reads their described messages in one query.
  const raised = groups.map((group) => (group.raised === null ? [] : (JSON.parse(group.raised) as RaisedRow[])));
  const messages = described ? await readMessages(db, raised, described, readWholeDetails(groups)) : null;
  const spans: Span[] = [];
  groups.forEach((group, g) => {
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
    for (const row of raised[g]!) spans.push(convertRaisedRowToSpan(traceId, row, group, messages));
  });
  return spans;
}

/** The details read whole (with no description a detail can be clipped by), by their span_detail id. */
function readWholeDetails(groups: readonly Group[]): Map<number, string> {
  const whole = new Map<number, string>();
  for (const g of groups) if (g.clip == null && g.detail_id !== null && g.detail !== null) whole.set(Number(g.detail_id), g.detail);
  return whole;
}

/**
 * The page's text of each described message the raised spans name, by its span_detail id. A
 * message whose row is also a detail read whole (`wholeDetails`: a text first stored as a message,
 * described as one alone) is that same string, as when both are read whole.
 */
async function readMessages(
  db: Db,
  raised: readonly RaisedRow[][],
  described: Map<string, LongTextDescription>,
  wholeDetails: Map<number, string>,
): Promise<Map<number, string> | null> {
  const messages = new Map<number, string>();
  const ids = new Set<number>();
  for (const rows of raised)
    for (const [, , , , , id] of rows) {
      if (id == null) continue;
      const whole = wholeDetails.get(id);
      if (whole === undefined) ids.add(id);
      else messages.set(id, whole);
    }
  if (ids.size === 0) return messages.size === 0 ? null : messages;
  const rows = await db.prisma.$queryRawUnsafe<({ id: number | bigint } & DetailHead)[]>(
    db.dialect === "sqlite" ? SQLITE_MESSAGES : PG_MESSAGES,
    JSON.stringify([...ids]),
  );
  for (const r of rows) messages.set(Number(r.id), readDetailHead(described, r.id, r));
  return messages;
}

function readTime(text: string): number | null {
  return text === "" ? null : Number(text);
}

/**
 * A span that raised keeps its stop payload's rest, for the exception message; or, for the page,
 * names the span_detail row of its long message (`messages`: the page's text of each).
 */
function convertRaisedRowToSpan(
  traceId: string,
  [spanId, parentId, start, stop, stopRest, messageId]: RaisedRow,
  group: Group,
  messages: Map<number, string> | null,
): Span {
  const { detail, name, project, service, host, error_type: errorType } = group;
  const span = convertSpanRowToSpan(
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
  if (messageId == null) return showUnstorableMessage(span);
  const message = messages?.get(messageId);
  if (message === undefined)
    throw new MessageGone(`readTraceSpans: span ${spanId} names exception message ${messageId}, which span_detail lacks`);
  return { ...span, error: { type: errorType!, message: pageMessage(message) } };
}
