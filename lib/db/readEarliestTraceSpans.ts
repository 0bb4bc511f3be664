// The first spans of a trace in time, without payloads: what a million-span trace's page shows
// before the whole trace is read (lib/api/renderCompactTraceChunks). The top of a trace is where
// it starts: its root, and the calls that began first under it. The ids come from the index on
// (trace_id, start_us) (migration 0009), read in order and stopped after `limit` entries, then
// only those rows are read whole.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { LongTextDescription } from "../trace/describeLongText";
import type { Db } from "./client";
import {
  DETAIL_CLIP,
  DETAIL_OR_HEAD,
  messageOrHead,
  pageMessage,
  readDetailHead,
  showUnstorableMessage,
  standInForDescribed,
} from "./describedDetail";
import { convertRawToSpanRow, selectSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";

// With `described`, a long detail or exception message stored with its description comes as a
// stand-in (describedDetail.ts): `m` is the message's span_detail row (migration 0012), whose
// span is read without its stop's rest.
const DESCRIBED_ROW_SELECT =
  `${selectSpanRow({ detail: DETAIL_OR_HEAD, stop_rest: `CASE WHEN s."message_id" IS NULL THEN s."stop_rest" END` })}, ` +
  `${DETAIL_CLIP} AS "clip", s."detail_id" AS "detail_id", s."message_id" AS "message_id", ${messageOrHead("m")} AS "message_head", m."clip" AS "message_clip"`;
const DESCRIBED_ROW_SOURCE = `${SPAN_ROW_SOURCE} LEFT JOIN "span_detail" AS m ON m."id" = s."message_id"`;

type DescribedRow = RawSpanRow & {
  clip?: string | null;
  detail_id?: number | bigint | null;
  message_id?: number | bigint | null;
  message_head?: string | null;
  message_clip?: string | null;
};

/** The ids of a trace's `limit` earliest-starting spans; `traceId` and `limit` are the placeholders' SQL. */
export function selectEarliestSpanIds(traceId: string, limit: string): string {
  return `SELECT e."span_id" FROM "span" AS e WHERE e."trace_id" = ${traceId} AND e."start_us" IS NOT NULL ORDER BY e."start_us" LIMIT ${limit}`;
}

/**
 * Up to `limit` spans of `traceId` with the earliest starts (spans without a start are left out),
 * in no particular order; with `described`, as readTraceSpans reads them for the page.
 */
export async function readEarliestTraceSpans(
  db: Db,
  traceId: string,
  limit: number,
  described?: Map<string, LongTextDescription>,
): Promise<Span[]> {
  const [a, b, c] = db.dialect === "sqlite" ? ["?", "?", "?"] : ["$1", "$2", "$3"];
  const rows = await db.prisma.$queryRawUnsafe<DescribedRow[]>(
    `SELECT ${described ? DESCRIBED_ROW_SELECT : SPAN_ROW_SELECT} FROM ${described ? DESCRIBED_ROW_SOURCE : SPAN_ROW_SOURCE} ` +
      `WHERE s."trace_id" = ${a} AND s."span_id" IN (${selectEarliestSpanIds(b, c)})`,
    traceId,
    traceId,
    limit,
  );
  // A message whose row is also a detail read whole is that same string (readTraceSpans.ts: readMessages).
  const wholeDetails = new Map<number, string>();
  for (const r of rows) if (r.clip == null && r.detail_id != null && r.detail !== null) wholeDetails.set(Number(r.detail_id), r.detail);
  return rows.map((r) => {
    if (described && r.clip != null && r.detail !== null && r.detail_id != null)
      r.detail = standInForDescribed(described, r.detail_id, r.clip, r.detail);
    const span = convertSpanRowToSpan(convertRawToSpanRow(r), { payloads: false });
    if (!described || r.message_id == null || span.error === null) return showUnstorableMessage(span);
    if (r.message_head == null)
      throw new Error(`readEarliestTraceSpans: span ${r.span_id} names exception message ${r.message_id}, which span_detail lacks`);
    const message =
      wholeDetails.get(Number(r.message_id)) ??
      readDetailHead(described, r.message_id, { head: r.message_head, clip: r.message_clip ?? null });
    return { ...span, error: { ...span.error, message: pageMessage(message) } };
  });
}
