// GET /api/traces/signatures: the traces grouped by request signature over a time window.
import { getApiLogger } from "@/lib/api/apiLogger";
import { answerSafely, jsonError } from "@/lib/api/respond";
import { parseSignatureGroupsQuery } from "@/lib/api/signatureGroupsQuery";
import { listSignatureGroups } from "@/lib/db/listSignatureGroups";
import { getSharedDb } from "@/lib/db/shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const query = parseSignatureGroupsQuery(new URL(request.url).searchParams);
    if ("error" in query) return jsonError(400, query.error);
    const page = await listSignatureGroups(await getSharedDb(), query);
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  });
}
