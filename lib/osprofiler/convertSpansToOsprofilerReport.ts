// Spans -> OSprofiler's report, field for field as `osprofiler trace show --json` prints it.
// OSprofiler builds it in drivers/base.py by feeding each notification to _append_results and
// then calling _parse_results; the same rules are replayed on our spans: each node from its own
// span (createOsprofilerNode), the tree, its order, totals and stats from all of them
// (planOsprofilerReport, which the streamed export shares).
//
// One deliberate difference: OSprofiler drops spans caught in a parent_id cycle from the tree
// (they are nobody's descendants); here the cycle is cut at its first-created span, which is
// listed as a root, so the export never loses a span.
import type { JsonObject } from "../notification/types";
import type { Span } from "../span/types";
import { createOpenNodes } from "./createOpenNodes";
import { createOsprofilerNode } from "./createOsprofilerNode";
import { createOsprofilerReportPlanner } from "./planOsprofilerReport";

export type OsprofilerNode = {
  /** name, project, service, host, meta.raw_payload.*, started, finished, exception. */
  info: JsonObject;
  trace_id: string;
  parent_id: string;
  children: OsprofilerNode[];
};

export type OsprofilerReport = {
  info: { name: "total"; started: 0; finished: number | null; last_trace_started: number | null };
  children: OsprofilerNode[];
  stats: { [name: string]: { count: number; duration: number } };
};

/** Spans must carry their payloads (convertSpanRowToSpan with payloads); a missing one is rebuilt from the span's fields. */
export function convertSpansToOsprofilerReport(spans: readonly Span[]): OsprofilerReport {
  const planner = createOsprofilerReportPlanner({ expectedSpans: spans.length });
  for (const span of spans) planner.add(span);
  const plan = planner.finish();
  const roots: OsprofilerNode[] = [];
  // Pre-order visits each node's children in their sorted order; the open nodes' lists by depth.
  const open = createOpenNodes();
  const lists: OsprofilerNode[][] = [];
  plan.order.forEach((k, at) => {
    while (open.deepestDone) open.close();
    open.arrive();
    const node = createOsprofilerNode(spans[k]!, plan.firstUs)!;
    (open.depth === 0 ? roots : lists[open.depth - 1]!).push(node);
    const children = plan.childCounts[at]!;
    if (children > 0) {
      lists[open.depth] = node.children;
      open.open(children, at);
    }
  });
  return { info: plan.info, children: roots, stats: plan.stats };
}
