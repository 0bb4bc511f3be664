// A stored trace's OSprofiler report, planned from its rows read a page at a time
// (planOsprofilerReport), and the reader that brings a batch of its spans back by id while the
// report or the dot is printed: what the streamed exports hold is the plan, never the rows.
import { readSpanRowsByKey } from "../db/readSpanRowsByKey";
import { scanTraceSpanRows } from "../db/scanTraceSpanRows";
import type { Db } from "../db/client";
import { spanKey } from "../ingest/spanKey";
import { createOsprofilerReportPlanner, type OsprofilerReportPlan } from "../osprofiler/planOsprofilerReport";
import type { ReadPlannedSpans } from "../osprofiler/streamOsprofilerReport";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";

export async function planStoredOsprofilerReport(
  db: Db,
  traceId: string,
): Promise<{ plan: OsprofilerReportPlan; readSpans: ReadPlannedSpans }> {
  const planner = createOsprofilerReportPlanner();
  for await (const rows of scanTraceSpanRows(db, traceId))
    for (const row of rows) planner.add(convertSpanRowToSpan(row, { payloads: true }));
  const plan = planner.finish();
  const readSpans: ReadPlannedSpans = async (ks) => {
    const ids = Array.from(ks, (k) => plan.ids.idOf(k));
    const rows = await readSpanRowsByKey(
      db.prisma,
      db.dialect,
      ids.map((id) => [traceId, id]),
    );
    return ids.map((id) => {
      const row = rows.get(spanKey(traceId, id));
      // Deleted meanwhile (retention): the answer cannot be finished, so it fails rather than lie.
      if (!row) throw new Error(`span ${id} of trace ${traceId} is no longer stored`);
      return convertSpanRowToSpan(row, { payloads: true });
    });
  };
  return { plan, readSpans };
}
