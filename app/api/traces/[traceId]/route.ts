// GET /api/traces/{traceId}: the trace for the UI in compact form (no payloads), with an ETag
// from the summary row, checked before any span is read, and whether the trace is still
// receiving spans (lib/api/traceLiveness: headers on the 200 and the 304 alike), which the
// trace page polls for while it is. With ?chunks=1, the same trace as newline-delimited JSON
// chunks (lib/api/renderCompactTraceChunks), which the trace page reads as they arrive; with
// ?preview=1, a big trace's first spans (lib/api/renderCompactTracePreview), which it draws first.
import { storedTraceRoute } from "@/app/api/traces/answerStoredTrace";
import { formatTruncationHeaders } from "@/lib/api/formatTruncationHeaders";
import { assessTraceLiveness, formatLivenessHeaders } from "@/lib/api/traceLiveness";
import { COMPACT_ETAG_VARIANT, renderCompactTrace } from "@/lib/api/renderCompactTrace";
import { renderCompactTraceChunks } from "@/lib/api/renderCompactTraceChunks";
import { COMPACT_PREVIEW_ETAG_VARIANT, renderCompactTracePreview } from "@/lib/api/renderCompactTracePreview";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = storedTraceRoute((request) => {
  const query = new URL(request.url).searchParams;
  const chunked = query.get("chunks") === "1";
  const preview = !chunked && query.get("preview") === "1";
  return {
    // The chunks carry the same version as the plain JSON (an ETag holds per URL): a live trace
    // inlined in the page, then polled through the chunks, is answered 304 while unchanged.
    etagVariant: preview ? COMPACT_PREVIEW_ETAG_VARIANT : COMPACT_ETAG_VARIANT,
    contentType: chunked ? "application/x-ndjson" : "application/json",
    headers: (_traceId, summary) => ({
      ...formatLivenessHeaders(assessTraceLiveness(summary, Date.now() * 1000)),
      ...formatTruncationHeaders(summary),
      // Not gzipped by the server: its compression holds a stream's bytes back until its
      // buffer fills, and lines must arrive as written.
      ...(chunked ? { "cache-control": "no-cache, no-transform" } : {}),
    }),
    // Two arguments only: renderCompactTraceChunks' third is its chunk sizes, not the summary.
    render: (db, traceId) =>
      chunked ? renderCompactTraceChunks(db, traceId) : preview ? renderCompactTracePreview(db, traceId) : renderCompactTrace(db, traceId),
  };
});
