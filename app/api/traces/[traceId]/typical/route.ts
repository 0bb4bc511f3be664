// GET /api/traces/{base_id}/typical?n=20: the trace against the median of the last n traces of
// its request signature, from the per-trace sums kept at ingest (no span is read).
import { getApiLogger } from "@/lib/api/apiLogger";
import { parseBaselineSize } from "@/lib/api/parseBaselineSize";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { answerSafely, jsonError } from "@/lib/api/respond";
import type { TypicalComparisonResponse } from "@/lib/api/types";
import { readComparedTraces } from "@/lib/db/readComparedTraces";
import { getSharedDb } from "@/lib/db/shared";
import { chooseBaseline, compareWithTypical } from "@/lib/trace/compareWithTypical";
import { formatDurationUs } from "@/lib/ui/formatDuration";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const traceId = parseIdParam((await params).traceId, "traceId");
    if (typeof traceId !== "string") return jsonError(400, traceId.error);
    const n = parseBaselineSize(new URL(request.url).searchParams);
    if (typeof n !== "number") return jsonError(400, n.error);
    const compared = await readComparedTraces(await getSharedDb(), traceId, n);
    if (!compared) return jsonError(404, `no trace ${traceId} is stored`);
    const baseline = chooseBaseline(compared.baseline);
    const body: TypicalComparisonResponse = {
      ...compareWithTypical(compared.trace, baseline, formatDurationUs),
      signature: compared.signature,
      baselineTraceIds: baseline.map((b) => b.traceId),
      complete: compared.complete,
    };
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  });
}
