// GET /api/traces/facets: distinct services, projects and hosts, for the list's filter dropdowns.
import { getApiLogger } from "@/lib/api/apiLogger";
import { answerSafely } from "@/lib/api/respond";
import { getReadDb } from "@/lib/db/readDb";
import { listTraceFacets, TRACE_FACETS_TTL_MS } from "@/lib/db/listTraceFacets";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const facets = await listTraceFacets(await getReadDb());
    return Response.json(facets, { headers: { "cache-control": `private, max-age=${TRACE_FACETS_TTL_MS / 1000}` } });
  });
}
