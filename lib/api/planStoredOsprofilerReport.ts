// A stored trace's OSprofiler report, planned from its rows read a page at a time
// (planOsprofilerReport), and the reader that brings a batch of its spans back by id while the
// report or the dot is printed: what the streamed exports hold is the plan, never the rows.
import type { Db } from "../db/client";
import { readTraceSpansById } from "../db/readTraceSpansById";
import { scanTraceSpanRows } from "../db/scanTraceSpanRows";
import { addRowToReportPlan } from "../osprofiler/addRowToReportPlan";
import { createOsprofilerReportPlanner, type OsprofilerReportPlan } from "../osprofiler/planOsprofilerReport";
import type { ReadPlannedSpans } from "../osprofiler/streamPlannedNodes";
import { reclaimingPages, reclaimingReads, reclaimNow } from "./reclaimMemory";

/** Rows of a page of the plan's scan (scanTraceSpanRows: whole rows, payloads included). */
const PLAN_PAGE_ROWS = 2_000;

/**
 * `indent: false`: the plan of the dot, which is never indented (its spans' payloads need no
 * measuring). `expectedSpans`: the trace's span count as its row says, so the plan's columns are
 * made at their size once instead of doubling as the rows come (each doubling held the old
 * columns and the new, ~1.5x the plan, until the next collection: the scan's peak).
 */
export async function planStoredOsprofilerReport(
  db: Db,
  traceId: string,
  options: { indent?: boolean; expectedSpans?: number } = {},
): Promise<{ plan: OsprofilerReportPlan; readSpans: ReadPlannedSpans }> {
  // The finish lets go of columns of the trace's size three times and makes new ones: collections there.
  const planner = createOsprofilerReportPlanner({
    indent: options.indent,
    expectedSpans: options.expectedSpans,
    reclaim: () => reclaimNow(),
  });
  for await (const rows of reclaimingPages(scanTraceSpanRows(db, traceId, PLAN_PAGE_ROWS), PLAN_PAGE_ROWS))
    for (const row of rows) addRowToReportPlan(planner, row);
  const plan = planner.finish();
  return {
    plan,
    readSpans: reclaimingReads((ks: Uint32Array) =>
      readTraceSpansById(
        db,
        traceId,
        Array.from(ks, (k) => plan.ids.idOf(k)),
      ),
    ),
  };
}
