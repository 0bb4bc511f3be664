// GET /api/traces/{traceId}/otlp.json: the trace as OTLP/JSON (an ExportTraceServiceRequest),
// for Jaeger UI's JSON upload, Grafana Tempo (POST it to /v1/traces) or any OTLP collector.
// Streamed: the tree comes from the spans without payloads (as the page reads them), then spans
// are written a batch at a time as the client reads, each batch's payloads read back by id.
import { answerStoredTrace } from "@/app/api/traces/answerStoredTrace";
import { attachment } from "@/lib/api/contentDisposition";
import { streamTextChunks } from "@/lib/api/streamTextChunks";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import { readTraceSpansById } from "@/lib/db/readTraceSpansById";
import { streamOtlpJson } from "@/lib/otlp/streamOtlpJson";
import { buildTrace } from "@/lib/trace/buildTrace";

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
        const trace = buildTrace(await readTraceSpans(db, traceId), traceId);
        return streamTextChunks(streamOtlpJson(trace, traceId, (ids) => readTraceSpansById(db, traceId, ids)));
      },
    },
  );
}
