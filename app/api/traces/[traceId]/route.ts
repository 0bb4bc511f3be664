// GET /api/traces/{traceId}: the trace for the UI in compact form (no payloads), with an ETag
// from the summary row, checked before any span is read.
import { getApiLogger } from "@/lib/api/apiLogger";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { answerSafely, jsonError } from "@/lib/api/respond";
import { computeTraceEtag, matchesIfNoneMatch } from "@/lib/api/traceEtag";
import { getSharedDb } from "@/lib/db/shared";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import { readTraceSummary } from "@/lib/db/readTraceSummary";
import { buildTrace, COMPACT_TRACE_VERSION, convertTraceToCompact } from "@/lib/trace";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const traceId = parseIdParam((await context.params).traceId, "traceId");
    if (typeof traceId !== "string") return jsonError(400, traceId.error);
    const db = await getSharedDb();
    const summary = await readTraceSummary(db, traceId);
    if (!summary) return jsonError(404, `no trace ${traceId} is stored`);
    const etag = computeTraceEtag(summary, `compact${COMPACT_TRACE_VERSION}`);
    // no-cache: keep it, but ask every time; a trace can still be growing.
    const headers = { etag, "cache-control": "no-cache" };
    if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    const compact = convertTraceToCompact(buildTrace(await readTraceSpans(db, traceId), traceId));
    return new Response(JSON.stringify(compact), { headers: { ...headers, "content-type": "application/json" } });
  });
}
