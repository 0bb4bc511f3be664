// GET /api/traces/{traceId}/search?q=&re=1&case=1&clip=4000: which of the trace's texts clipped
// for display match the page's search in their whole form (lib/api/searchClippedTexts.ts).
import { getApiLogger } from "@/lib/api/apiLogger";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { answerSafely, jsonError } from "@/lib/api/respond";
import { searchClippedTexts } from "@/lib/api/searchClippedTexts";
import { parseTraceTextSearchQuery } from "@/lib/api/traceTextSearchQuery";
import { getReadDb } from "@/lib/db/readDb";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const traceId = parseIdParam((await params).traceId, "traceId");
    if (typeof traceId !== "string") return jsonError(400, traceId.error);
    const query = parseTraceTextSearchQuery(new URL(request.url).searchParams);
    if ("error" in query) return jsonError(400, query.error);
    const answer = await searchClippedTexts(await getReadDb(), traceId, query, request.signal);
    if (answer.status !== 200) return jsonError(answer.status, answer.error);
    // A live trace may gain long texts: asked again, never cached.
    return Response.json(answer.body, { headers: { "cache-control": "no-store" } });
  });
}
