// GET /api/traces/{traceId}/osprofiler.dot: the Graphviz graph `osprofiler trace show --dot` draws,
// streamed as the OSprofiler report is (planned, then printed a batch of nodes at a time).
import { storedTraceRoute } from "@/app/api/traces/answerStoredTrace";
import { planStoredOsprofilerReport } from "@/lib/api/planStoredOsprofilerReport";
import { streamTextChunks } from "@/lib/api/streamTextChunks";
import { streamOsprofilerDot } from "@/lib/osprofiler/streamOsprofilerDot";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = storedTraceRoute({
  etagVariant: "osprofiler-dot1",
  contentType: "text/vnd.graphviz; charset=utf-8",
  download: "osprofilerDot",
  render: async (db, traceId, summary) => {
    const { plan, readSpans } = await planStoredOsprofilerReport(db, traceId, { indent: false, expectedSpans: summary.spanCount });
    return streamTextChunks(streamOsprofilerDot(plan, readSpans));
  },
});
