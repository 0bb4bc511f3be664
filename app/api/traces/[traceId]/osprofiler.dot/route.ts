// GET /api/traces/{traceId}/osprofiler.dot: the Graphviz graph `osprofiler trace show --dot` draws.
import { answerStoredTrace } from "@/app/api/traces/answerStoredTrace";
import { attachment } from "@/lib/api/contentDisposition";
import { convertSpanRowsToOsprofilerReport } from "@/lib/osprofiler/formatOsprofilerReport";
import { readTraceSpanRows } from "@/lib/db/readTraceSpanRows";
import { convertOsprofilerReportToDot } from "@/lib/osprofiler/convertOsprofilerReportToDot";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return answerStoredTrace(
    request,
    context.params.then((p) => p.traceId),
    {
      etagVariant: "osprofiler-dot1",
      contentType: "text/vnd.graphviz; charset=utf-8",
      headers: (traceId) => ({ "content-disposition": attachment(`${traceId}.osprofiler.dot`) }),
      render: async (db, traceId) => convertOsprofilerReportToDot(convertSpanRowsToOsprofilerReport(await readTraceSpanRows(db, traceId))),
    },
  );
}
