// GET /api/traces/{traceId}/otlp.json: the trace as OTLP/JSON (an ExportTraceServiceRequest),
// for Jaeger UI's JSON upload, Grafana Tempo (POST it to /v1/traces) or any OTLP collector.
import { answerStoredTrace } from "@/app/api/traces/answerStoredTrace";
import { attachment } from "@/lib/api/contentDisposition";
import { readTraceSpanRows } from "@/lib/db/readTraceSpanRows";
import { convertSpansToOtlp } from "@/lib/otlp/convertSpansToOtlp";
import { formatOtlpJson } from "@/lib/otlp/formatOtlpJson";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return answerStoredTrace(
    request,
    context.params.then((p) => p.traceId),
    {
      etagVariant: "otlp-json1",
      contentType: "application/json; charset=utf-8",
      headers: (traceId) => ({ "content-disposition": attachment(`${traceId}.otlp.json`) }),
      render: async (db, traceId) => {
        const spans = (await readTraceSpanRows(db, traceId)).map((row) => convertSpanRowToSpan(row, { payloads: true }));
        return formatOtlpJson(convertSpansToOtlp(spans, traceId));
      },
    },
  );
}
