// GET /api/traces/{traceId}/spans: every span of the trace with its raw start/stop payloads,
// as NDJSON (one span per line, in no particular order): what the offline report inlines for
// its details panel, and a bulk form of /spans/{spanId} for scripts. Streamed: rows are read a
// page at a time and a line is built only when the client reads it, so a million-span trace
// costs the server a page, not the trace.
import { storedTraceRoute } from "@/app/api/traces/answerStoredTrace";
import { scanTraceSpanRows } from "@/lib/db/scanTraceSpanRows";
import { streamSpanDetailsNdjson } from "@/lib/api/streamSpanDetailsNdjson";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = storedTraceRoute({
  etagVariant: "spans-ndjson1",
  contentType: "application/x-ndjson; charset=utf-8",
  render: async (db, traceId) => streamSpanDetailsNdjson(scanTraceSpanRows(db, traceId)),
});
