// GET /api/traces/{traceId}/osprofiler.dot: the Graphviz graph `osprofiler trace show --dot` draws.
import { getApiLogger } from "@/lib/api/apiLogger";
import { attachment } from "@/lib/api/contentDisposition";
import { convertSpanRowsToOsprofilerReport } from "@/lib/api/formatOsprofilerReport";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { answerSafely, jsonError } from "@/lib/api/respond";
import { computeTraceEtag, matchesIfNoneMatch } from "@/lib/api/traceEtag";
import { getSharedDb } from "@/lib/db/shared";
import { readTraceSpanRows } from "@/lib/db/readTraceSpanRows";
import { readTraceSummary } from "@/lib/db/readTraceSummary";
import { convertOsprofilerReportToDot } from "@/lib/trace";

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
    const etag = computeTraceEtag(summary, "osprofiler-dot1");
    const headers = { etag, "cache-control": "no-cache", "content-disposition": attachment(`${traceId}.osprofiler.dot`) };
    if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    const dot = convertOsprofilerReportToDot(convertSpanRowsToOsprofilerReport(await readTraceSpanRows(db, traceId)));
    return new Response(dot, { headers: { ...headers, "content-type": "text/vnd.graphviz; charset=utf-8" } });
  });
}
