// GET /api/traces/{traceId}/osprofiler.json: OSprofiler's report of the trace, as a download
// printed like `osprofiler trace show --json` prints it.
import { answerStoredTrace } from "@/app/api/traces/answerStoredTrace";
import { attachment } from "@/lib/api/contentDisposition";
import { convertSpanRowsToOsprofilerReport, formatOsprofilerReport } from "@/lib/osprofiler/formatOsprofilerReport";
import { readTraceSpanRows } from "@/lib/db/readTraceSpanRows";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return answerStoredTrace(
    request,
    context.params.then((p) => p.traceId),
    {
      etagVariant: "osprofiler-json1",
      contentType: "application/json; charset=utf-8",
      headers: (traceId) => ({ "content-disposition": attachment(`${traceId}.osprofiler.json`) }),
      render: async (db, traceId) => formatOsprofilerReport(convertSpanRowsToOsprofilerReport(await readTraceSpanRows(db, traceId))),
    },
  );
}
