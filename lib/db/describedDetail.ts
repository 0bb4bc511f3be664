// A long detail stored with its description (span_detail.clip, migration 0011;
// lib/trace/describeLongText.ts) as the trace page reads it: its first characters instead of its
// whole text, and a stand-in on the span that names it, which clipTraceTexts.ts clips by the
// description. What readTraceSpans.ts and readEarliestTraceSpans.ts share.
import { DESCRIBED_HEAD_CHARS, parseLongTextDescription, type LongTextDescription } from "../trace/describeLongText";

/** SQL over span_detail `d`: the text, or for one stored with its description its first characters (substr counts characters, at least as many UTF-16 units). */
export const DETAIL_OR_HEAD = `CASE WHEN d."clip" IS NULL THEN d."text" ELSE substr(d."text", 1, ${DESCRIBED_HEAD_CHARS}) END`;

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
