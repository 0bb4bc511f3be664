// GET /api/traces/{id}?preview=1: for a big trace, its earliest spans as a trace of their own
// (CompactTracePreview), read without reading the whole trace: the page draws its first screen
// from it, and only then asks for the whole trace (?chunks=1). Not in the same answer: building a
// million-span trace keeps the server's one thread busy for tens of seconds, and a preview line
// written just before that was held back with it (and so were the page's scripts, asked for
// meanwhile), measured at 1M spans: first rows after 41 s.
import type { Db } from "../db/client";
import { readEarliestTraceSpans } from "../db/readEarliestTraceSpans";
import { readTraceListItem } from "../db/readTraceListItem";
import { buildTrace, COMPACT_TRACE_VERSION, convertTraceToCompact } from "../trace";
import { clipTraceTexts, TEXT_LIMITS_TAG, TRACE_TEXT_LIMITS } from "../trace/clipTraceTexts";
import type { LongTextDescription } from "../trace/describeLongText";
import type { CompactTracePreview } from "../trace/compactTrace";
import { keepConnectedSpans } from "../trace/keepConnectedSpans";

/** Names the preview and its version inside the ETag. */
export const COMPACT_PREVIEW_ETAG_VARIANT = `compact-preview${COMPACT_TRACE_VERSION}-${TEXT_LIMITS_TAG}`;

/** From this many spans on (the summary row's count) there is a preview; below, `null`. */
export const PREVIEW_MIN_SPANS = 20_000;
/** Spans in the preview: the first screens of the tree's top. */
const PREVIEW_SPANS = 2000;

export async function renderCompactTracePreview(db: Db, traceId: string): Promise<string> {
  const size = (await readTraceListItem(db, traceId))?.spanCount ?? 0;
  if (size < PREVIEW_MIN_SPANS) return "null";
  // Long details by their stored descriptions, as for the whole trace (readClippedTrace.ts).
  const described = new Map<string, LongTextDescription>();
  const top = buildTrace(keepConnectedSpans(await readEarliestTraceSpans(db, traceId, PREVIEW_SPANS, described), traceId), traceId);
  if (top.size === 0) return "null";
  const clipped = clipTraceTexts(top, TRACE_TEXT_LIMITS, described);
  const preview: CompactTracePreview = { v: COMPACT_TRACE_VERSION, traceId, size, preview: convertTraceToCompact(clipped) };
  return JSON.stringify(preview);
}
