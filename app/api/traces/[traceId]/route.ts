// GET /api/traces/{traceId}: the trace for the UI in compact form (no payloads), with an ETag
// from the summary row, checked before any span is read, and whether the trace is still
// receiving spans (lib/api/traceLiveness: headers on the 200 and the 304 alike), which the
// trace page polls for while it is.
import { answerStoredTrace } from "@/app/api/traces/answerStoredTrace";
import { formatTruncationHeaders } from "@/lib/api/formatTruncationHeaders";
import { assessTraceLiveness, formatLivenessHeaders } from "@/lib/api/traceLiveness";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import { buildTrace, COMPACT_TRACE_VERSION, convertTraceToCompact } from "@/lib/trace";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return answerStoredTrace(request, context.params.then((p) => p.traceId), {
    etagVariant: `compact${COMPACT_TRACE_VERSION}`,
    contentType: "application/json",
    headers: (_traceId, summary) => ({ ...formatLivenessHeaders(assessTraceLiveness(summary, Date.now() * 1000)), ...formatTruncationHeaders(summary) }),
    render: async (db, traceId) => JSON.stringify(convertTraceToCompact(buildTrace(await readTraceSpans(db, traceId), traceId))),
  });
}
