// GET /api/traces/{traceId}/spans/{spanId}: one span with its raw start/stop payloads, exactly
// as OSprofiler sent them.
import { getApiLogger } from "@/lib/api/apiLogger";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { answerSafely, jsonError } from "@/lib/api/respond";
import type { SpanDetails } from "@/lib/api/types";
import { getReadDb } from "@/lib/db/readDb";
import { readSpanRow } from "@/lib/db/readSpanRow";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { stringifyJson } from "@/lib/notification/stringifyJson";
import type { Json } from "@/lib/notification/types";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string; spanId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const params = await context.params;
    const traceId = parseIdParam(params.traceId, "traceId");
    if (typeof traceId !== "string") return jsonError(400, traceId.error);
    const spanId = parseIdParam(params.spanId, "spanId");
    if (typeof spanId !== "string") return jsonError(400, spanId.error);
    const db = await getReadDb();
    const row = await readSpanRow(db, traceId, spanId);
    if (!row) {
      const known = (await readTraceListItem(db, traceId)) !== null;
      return jsonError(404, known ? `trace ${traceId} has no span ${spanId}` : `no trace ${traceId} is stored`);
    }
    const span: SpanDetails = convertSpanRowToSpan(row, { payloads: true });
    // A stored half never changes (duplicates are dropped), but the missing one may still arrive.
    // Numbers in the payloads are written as they came (stringifyJson), not as doubles.
    return new Response(stringifyJson(span as unknown as Json), {
      headers: { "content-type": "application/json", "cache-control": "no-cache" },
    });
  });
}
