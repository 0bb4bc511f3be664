// The Graphviz text of convertOsprofilerReportToDot, printed a batch of nodes at a time from a
// report's plan: nodes numbered in pre-order after the "total" node 0, each edge written once the
// child's subtree is done, so only `batchSize` spans' payloads are held at once.
import type { JsonObject } from "../notification/types";
import { labelDotNode } from "./convertOsprofilerReportToDot";
import { createOsprofilerNode } from "./createOsprofilerNode";
import type { OsprofilerReportPlan } from "./planOsprofilerReport";
import type { ReadPlannedSpans } from "./streamOsprofilerReport";

export async function* streamOsprofilerDot(
  plan: OsprofilerReportPlan,
  readSpans: ReadPlannedSpans,
  batchSize = 500,
): AsyncGenerator<string> {
  const { parent, order } = plan;
  let out = `digraph {\n\t0 [label="${labelDotNode(plan.info as unknown as JsonObject)}"]`;
  // Open nodes (k and number), deepest last; the "total" node is below them all.
  const openK = new Int32Array(order.length + 1);
  const openId = new Uint32Array(order.length + 1);
  let depth = 0;
  const close = () => {
    depth--;
    out += `\n\t${depth > 0 ? openId[depth - 1] : 0} -> ${openId[depth]}`;
  };
  for (let at = 0; at < order.length; at += batchSize) {
    const ks = order.subarray(at, Math.min(order.length, at + batchSize));
    const spans = await readSpans(ks);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      while (depth > 0 && openK[depth - 1] !== parent[k]) close();
      const node = createOsprofilerNode(spans.at(i)!, plan.firstUs);
      if (!node) throw new Error(`span ${plan.ids.idOf(k)} has no notification any more`);
      const id = at + i + 1;
      out += `\n\t${id} [label="${labelDotNode(node.info)}"]`;
      openK[depth] = k;
      openId[depth++] = id;
    }
    yield out;
    out = "";
  }
  while (depth > 0) close();
  yield out + "\n}\n";
}
