// GET /api/traces/{traceId}/osprofiler.json: OSprofiler's report of the trace, as a download
// printed like `osprofiler trace show --json` prints it. Streamed: planned from the rows read a
// page at a time, then printed a batch of nodes at a time as the client reads.
import { storedTraceRoute } from "@/app/api/traces/answerStoredTrace";
import { planStoredOsprofilerReport } from "@/lib/api/planStoredOsprofilerReport";
import { streamTextChunks } from "@/lib/api/streamTextChunks";
import { streamOsprofilerReport } from "@/lib/osprofiler/streamOsprofilerReport";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = storedTraceRoute({
  etagVariant: "osprofiler-json1",
  contentType: "application/json; charset=utf-8",
  download: "osprofilerJson",
  render: async (db, traceId, summary) => {
    const { plan, readSpans } = await planStoredOsprofilerReport(db, traceId, { expectedSpans: summary.spanCount });
    return streamTextChunks(streamOsprofilerReport(plan, readSpans));
  },
});
