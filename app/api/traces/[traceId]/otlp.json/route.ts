// GET /api/traces/{traceId}/otlp.json: the trace as OTLP/JSON (an ExportTraceServiceRequest),
// for Jaeger UI's JSON upload, Grafana Tempo (POST it to /v1/traces) or any OTLP collector.
// Streamed: the tree is planned from the rows without payloads (typed arrays, not the page's
// trace model), then spans are written a batch at a time as the client reads, each batch's
// payloads read back by id.
import { storedTraceRoute } from "@/app/api/traces/answerStoredTrace";
import { streamStoredOtlpJson } from "@/lib/api/planStoredOtlpExport";
import { streamTextChunks } from "@/lib/api/streamTextChunks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = storedTraceRoute({
  etagVariant: "otlp-json1",
  contentType: "application/json; charset=utf-8",
  download: "otlpJson",
  render: async (db, traceId) => streamTextChunks(await streamStoredOtlpJson(db, traceId)),
});
