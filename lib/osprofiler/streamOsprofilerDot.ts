// The Graphviz text of convertOsprofilerReportToDot, printed a batch of nodes at a time from a
// report's plan: nodes numbered in pre-order after the "total" node 0, each edge written once the
// child's subtree is done, so only `batchSize` spans' payloads are held at once.
import type { JsonObject } from "../notification/types";
import { labelDotNode } from "./convertOsprofilerReportToDot";
import { createOpenNodes } from "./createOpenNodes";
import { createOsprofilerNode } from "./createOsprofilerNode";
import type { OsprofilerReportPlan } from "./planOsprofilerReport";
import type { ReadPlannedSpans } from "./streamOsprofilerReport";

export async function* streamOsprofilerDot(
  plan: OsprofilerReportPlan,
  readSpans: ReadPlannedSpans,
  batchSize = 500,
): AsyncGenerator<string> {
  const { childCounts, order } = plan;
  let out = `digraph {\n\t0 [label="${labelDotNode(plan.info as unknown as JsonObject)}"]`;
  // Open nodes, deepest last (every node is opened, leaves too: its edge is written when it
  // closes); a node's number is its position + 1, the "total" node 0 is below them all.
  const open = createOpenNodes();
  const close = () => {
    const id = open.close() + 1;
    out += `\n\t${open.depth > 0 ? open.positionAt(open.depth - 1) + 1 : 0} -> ${id}`;
  };
  for (let at = 0; at < order.length; at += batchSize) {
    const ks = order.subarray(at, Math.min(order.length, at + batchSize));
    const spans = await readSpans(ks);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      while (open.deepestDone) close();
      open.arrive();
      const node = createOsprofilerNode(spans.at(i)!, plan.firstUs);
      if (!node) throw new Error(`span ${plan.ids.idOf(k)} has no notification any more`);
      const id = at + i + 1;
      out += `\n\t${id} [label="${labelDotNode(node.info)}"]`;
      open.open(childCounts[at + i]!, at + i);
    }
    yield out;
    out = "";
  }
  while (open.depth > 0) close();
  yield out + "\n}\n";
}
