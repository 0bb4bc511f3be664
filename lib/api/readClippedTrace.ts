// One stored trace as the browser receives it: its texts clipped for display
// (lib/trace/clipTraceTexts.ts), long details by the description stored with them
// (lib/trace/describeLongText.ts) rather than read whole. GET /api/traces/{id}, its chunks and the
// page's inlined copy all start here.
import type { Db } from "../db/client";
import { readTraceSpans } from "../db/readTraceSpans";
import { buildTrace } from "../trace";
import { clipTraceTexts, TRACE_TEXT_LIMITS } from "../trace/clipTraceTexts";
import type { LongTextDescription } from "../trace/describeLongText";
import type { Trace } from "../trace/types";

export async function readClippedTrace(db: Db, traceId: string): Promise<Trace> {
  const described = new Map<string, LongTextDescription>();
  const spans = await readTraceSpans(db, traceId, described);
  return clipTraceTexts(buildTrace(spans, traceId), TRACE_TEXT_LIMITS, described);
}
