// GET /api/traces: the trace list (filters, sort, cursor pagination), from the per-trace summaries.
import { getApiLogger } from "@/lib/api/apiLogger";
import { answerSafely, jsonError } from "@/lib/api/respond";
import { isTraceListQueryError, parseTraceListQuery } from "@/lib/api/traceListQuery";
import { getReadDb } from "@/lib/db/readDb";
import { listTraces } from "@/lib/db/listTraces";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const query = parseTraceListQuery(new URL(request.url).searchParams);
    if (isTraceListQueryError(query)) return jsonError(400, query.error);
    const page = await listTraces(await getReadDb(), query);
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  });
}
