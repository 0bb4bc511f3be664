// The trace page's data: a stored trace in compact form (no payloads), as JSON text. GET
// /api/traces/{id} answers with it, and the trace page inlines it for everyday traces
// (lib/api/readInlineTrace.ts), so both carry the same trace under the same ETag (the page's copy
// with characters past ASCII escaped: the same JSON once parsed). Its texts are clipped for
// display (lib/trace/clipTraceTexts.ts): the span API and the exports keep them whole.
import type { Db } from "../db/client";
import { COMPACT_TRACE_VERSION, convertTraceToCompact } from "../trace";
import { TEXT_LIMITS_TAG } from "../trace/clipTraceTexts";
import { readClippedTrace } from "./readClippedTrace";

/** Names the compact form, its version and the clipping rules inside the ETag. */
export const COMPACT_ETAG_VARIANT = `compact${COMPACT_TRACE_VERSION}-${TEXT_LIMITS_TAG}`;

export async function renderCompactTrace(db: Db, traceId: string): Promise<string> {
  return JSON.stringify(convertTraceToCompact(await readClippedTrace(db, traceId)));
}
