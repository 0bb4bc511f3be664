// The trace page's data: a stored trace in compact form (no payloads), as JSON text. GET
// /api/traces/{id} answers with it, and the trace page inlines it for everyday traces
// (lib/api/readInlineTrace.ts), so both carry the same trace under the same ETag (the page's copy
// with characters past ASCII escaped: the same JSON once parsed).
import type { Db } from "../db/client";
import { readTraceSpans } from "../db/readTraceSpans";
import { buildTrace, COMPACT_TRACE_VERSION, convertTraceToCompact } from "../trace";

/** Names the compact form and its version inside the ETag. */
export const COMPACT_ETAG_VARIANT = `compact${COMPACT_TRACE_VERSION}`;

export async function renderCompactTrace(db: Db, traceId: string): Promise<string> {
  return JSON.stringify(convertTraceToCompact(buildTrace(await readTraceSpans(db, traceId), traceId)));
}
