// The Graphviz text of convertOsprofilerReportToDot, printed a batch of nodes at a time from a
// report's plan (streamPlannedNodes): nodes numbered in pre-order after the "total" node 0, each
// edge written once the child's subtree is done, so only `batchSize` spans' payloads are held at once.
import type { JsonObject } from "../notification/types";
import { labelDotNode } from "./convertOsprofilerReportToDot";
import { createOpenNodes } from "./createOpenNodes";
import type { OsprofilerReportPlan } from "./planOsprofilerReport";
import { streamPlannedNodes, type ReadPlannedSpans } from "./streamPlannedNodes";

export async function* streamOsprofilerDot(
  plan: OsprofilerReportPlan,
  readSpans: ReadPlannedSpans,
  batchSize = 500,
): AsyncGenerator<string> {
  const { childCounts } = plan;
  // Open nodes, deepest last (every node is opened, leaves too: its edge is written when it
  // closes); a node's number is its position + 1, the "total" node 0 is below them all.
  const open = createOpenNodes();
  const head = `digraph {\n\t0 [label="${labelDotNode(plan.info as unknown as JsonObject)}"]`;
  const rest = yield* streamPlannedNodes(plan, readSpans, batchSize, head, {
    open,
    closeNode() {
      const id = open.close() + 1;
      return `\n\t${open.depth > 0 ? open.positionAt(open.depth - 1) + 1 : 0} -> ${id}`;
    },
    printNode(node, position) {
      const text = `\n\t${position + 1} [label="${labelDotNode(node.info)}"]`;
      open.open(childCounts[position]!, position);
      return text;
    },
  });
  yield rest + "\n}\n";
}
