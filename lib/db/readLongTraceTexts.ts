// The texts of one trace longer than a length, each once and whole: what the search of texts
// clipped for display reads (lib/trace/matchWholeTexts.ts). The details (statements, "METHOD
// path", functions) are read by the trace's distinct detail ids, each text once however many
// spans share it; the span's own columns and exception messages only from the rows that hold a
// long one (ingest keeps strings of up to 64K, so a hostile name or host can be long too).
//
// SQL counts characters, JavaScript UTF-16 units (two for a character past U+FFFF), so SQL is
// asked for texts longer than half the length and the exact test is made here.
//
// The details come a few at a time (their ids first), so that a search the page gave up on (its
// request aborted: typing went on) stops between two reads: a hostile trace holds ~128 MB of them.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import { createTextMap } from "../span/createTextMap";
import { showUnstorable } from "../span/showUnstorable";
import type { Db } from "./client";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "./spanColumns";
import { chunks, toNumber } from "./sql";
import { DESCRIBED_HEAD_CHARS } from "../trace/describeLongText";

/** Details read at once: ~2 MB of 64K texts. */
const DETAILS_PER_READ = 32;

/**
 * The texts of the trace's spans longer than `longerThan` UTF-16 units, each once (or twice: a
 * detail also a name), in no particular order, a few at a time; none after `signal` aborts.
 */
export async function* readLongTraceTexts(db: Db, traceId: string, longerThan: number, signal?: AbortSignal): AsyncGenerator<string[]> {
  if (!Number.isSafeInteger(longerThan) || longerThan < 0) throw new Error(`readLongTraceTexts: ${longerThan} is not a length`);
  const p = db.dialect === "sqlite" ? "?" : "$1";
  const n = Math.floor(longerThan / 2);
  // A detail stored with its description (span_detail.clip) is longer than DESCRIBED_HEAD_CHARS
  // units: known long without measuring the text (SQL's length() reads it whole).
  const described = longerThan <= DESCRIBED_HEAD_CHARS ? `d."clip" IS NOT NULL OR ` : "";
  const ids = await db.prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT d."id" FROM "span_detail" AS d WHERE d."id" IN ` +
      `(SELECT DISTINCT s."detail_id" FROM "span" AS s WHERE s."trace_id" = ${p} AND s."detail_id" IS NOT NULL) ` +
      `AND (${described}length(d."text") > ${n})`,
    traceId,
  );
  for (const batch of chunks(ids, DETAILS_PER_READ)) {
    // SQLite answers on this thread without giving the event loop a turn, so the connection's
    // close (which aborts the signal) would wait for the whole search: take a turn first.
    if (signal) await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) return;
    const details = await db.prisma.$queryRawUnsafe<{ text: string }[]>(
      `SELECT d."text" FROM "span_detail" AS d WHERE d."id" IN (${batch.map((d) => toNumber(d.id)).join(", ")})`,
    );
    yield details.map((d) => d.text).filter((text) => text.length > longerThan);
  }
  if (signal) await new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) return;
  const long = ["name", "project", "service", "host", "error_type"].map((c) => `length(s."${c}") > ${n}`).join(" OR ");
  const rows = await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
    `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${p} ` +
      `AND (${long} OR (s."error_type" IS NOT NULL AND length(s."stop_rest") > ${n}))`,
    traceId,
  );
  // Details are distinct (span_detail's unique key); a row's texts repeat on other rows. A TextMap,
  // not a Set: distinct long texts of one length would make a Set compare each with all (createTextMap.ts).
  const fromRows = createTextMap<true>();
  for (const raw of rows) {
    const span = convertSpanRowToSpan(convertRawToSpanRow(raw), { payloads: false });
    // The message as the page holds it, clipped or not (showUnstorable), so the clipped forms agree.
    for (const text of [
      span.name,
      span.project,
      span.service,
      span.host,
      span.error?.type,
      span.error?.message == null ? null : showUnstorable(span.error.message),
    ])
      if (text && text.length > longerThan) fromRows.set(text, true);
  }
  yield [...fromRows.keys()];
}
