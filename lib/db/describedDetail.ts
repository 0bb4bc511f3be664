// A long text stored in span_detail with its description (span_detail.clip, migration 0011;
// lib/trace/describeLongText.ts) as the trace page reads it: its first characters instead of its
// whole text, and a stand-in on the span that names it, which clipTraceTexts.ts clips by the
// description. Such a text is a span's detail (span.detail_id) or, since migration 0012, the
// exception message of a span that raised (span.message_id: the message also stays in the stop's
// rest, which the span API, the exports and search read). What readTraceSpans.ts,
// readEarliestTraceSpans.ts and, for the messages, upsertSpanRows.ts share.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import { showUnstorable } from "../span/showUnstorable";
import type { Span, SpanRow } from "../span/types";
import { DESCRIBED_HEAD_CHARS, parseLongTextDescription, type LongTextDescription } from "../trace/describeLongText";

// A detail's description is a JSON object; a message's, which has no shape or labels, an array
// (describeLongText.ts). A row described as a message alone is read whole when it is a detail.
const describedAsDetail = (alias: string) => `substr(${alias}."clip", 1, 1) = '{'`;

/** SQL over span_detail `alias`: its first characters where `described` holds (substr counts characters, at least as many UTF-16 units), else the text. */
const headWhen = (alias: string, described: string) =>
  `CASE WHEN ${described} THEN substr(${alias}."text", 1, ${DESCRIBED_HEAD_CHARS}) ELSE ${alias}."text" END`;

/** SQL over span_detail `d` as a detail: the text, or for one stored with its description its first characters. */
export const DETAIL_OR_HEAD = headWhen("d", describedAsDetail("d"));

/** SQL over span_detail `d` as a detail: its description, when it has one a detail can be clipped by. */
export const DETAIL_CLIP = `CASE WHEN ${describedAsDetail("d")} THEN d."clip" END`;

/** SQL over span_detail `alias` as an exception message: the text, or for a described one its first characters. */
export function messageOrHead(alias: string): string {
  return headWhen(alias, `${alias}."clip" IS NOT NULL`);
}

/** The stand-in for span_detail row `detailId`, its description added to `described` once. */
export function standInForDescribed(
  described: Map<string, LongTextDescription>,
  detailId: number | bigint,
  clip: string,
  head: string,
): string {
  // A lone surrogate, which no stored text holds (storableText), so it is never a real text.
  const standIn = `\udc00span_detail ${detailId}`;
  if (!described.has(standIn)) described.set(standIn, parseLongTextDescription(clip, head));
  return standIn;
}

/** A span_detail row read for the page: `head` is its whole text when `clip` is null (stored before 0011). */
export type DetailHead = { head: string; clip: string | null };

/** The text the page gets for span_detail row `id`: the stand-in of a described one, else the whole text. */
export function readDetailHead(described: Map<string, LongTextDescription>, id: number | bigint, { head, clip }: DetailHead): string {
  return clip === null ? head : standInForDescribed(described, id, clip, head);
}

/**
 * The text of the span_detail row `row`'s message_id names (upsertSpanRows.ts) so that the trace
 * page need not read its stop's rest, or null (the page reads the rest). When the rest is long
 * (over DESCRIBED_HEAD_CHARS characters), the exception message the page shows
 * (convertSpanRowToSpan reads it from the rest): a long message is stored
 * described; a short one in a long rest (the rest also holds the exception type, bounded in its
 * column but whole here, and whatever else the stop's info brought) whole, so the page need not
 * read a hostile rest to show a few words (§74). A raised span with no message names NO_MESSAGE,
 * which the page reads as none (pageMessage), so it need not read the rest either (§82).
 * A message with a NUL or a lone surrogate, which a text column cannot hold (storableText would
 * change it, PostgreSQL refuses the NUL), is named in its page form (showUnstorable), which every
 * page read gives for such a message, named or read from the rest.
 */
export function readDescribableMessage(row: SpanRow): string | null {
  // The rest holds the message as a JSON string (escaping never shortens it) and is what the
  // page would read: one this short costs nothing to read, what every other span pays.
  if (row.errorType === null || row.stopRest === null || row.stopRest.length <= DESCRIBED_HEAD_CHARS) return null;
  const message = convertSpanRowToSpan(row, { payloads: false }).error?.message ?? null;
  return message === null ? NO_MESSAGE : showUnstorable(message);
}

/** The page's span: its exception message read from the rest in its page form (showUnstorable). */
export function showUnstorableMessage(span: Span): Span {
  const message = span.error?.message;
  if (message == null) return span;
  const shown = showUnstorable(message);
  return shown === message ? span : { ...span, error: { ...span.error!, message: shown } };
}

/** What message_id names for a raised span with a long rest and no message: the empty text (pageMessage reads it as none). */
const NO_MESSAGE = "";

/** The page's exception message from the text message_id names: NO_MESSAGE is none (an empty message shows as none too). */
export function pageMessage(text: string): string | null {
  return text === NO_MESSAGE ? null : text;
}
