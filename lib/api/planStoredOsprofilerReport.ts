// A stored trace's OSprofiler report, planned from its rows read a page at a time
// (planOsprofilerReport), and the reader that brings a batch of its spans back by id while the
// report or the dot is printed: what the streamed exports hold is the plan, never the rows.
import type { Db } from "../db/client";
import { readTraceSpansById } from "../db/readTraceSpansById";
import { scanTraceSpanRows } from "../db/scanTraceSpanRows";
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
  return {
    plan,
    readSpans: (ks) =>
      readTraceSpansById(
        db,
        traceId,
        Array.from(ks, (k) => plan.ids.idOf(k)),
      ),
  };
}
