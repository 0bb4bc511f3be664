// GET /api/traces/{traceId}: the trace for the UI in compact form (no payloads), with an ETag
// from the summary row, checked before any span is read.
import { answerStoredTrace } from "@/app/api/traces/answerStoredTrace";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import { buildTrace, COMPACT_TRACE_VERSION, convertTraceToCompact } from "@/lib/trace";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return answerStoredTrace(request, context.params.then((p) => p.traceId), {
    etagVariant: `compact${COMPACT_TRACE_VERSION}`,
    contentType: "application/json",
    render: async (db, traceId) => JSON.stringify(convertTraceToCompact(buildTrace(await readTraceSpans(db, traceId), traceId))),
  });
}
