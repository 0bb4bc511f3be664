// OSprofiler's report of a trace as text, printed a batch of nodes at a time: the same bytes as
// formatOsprofilerReport(convertSpansToOsprofilerReport(spans)) (Python's json.dumps layout,
// indent 2 or one line as the plan chose), but only `batchSize` spans' payloads are held at once.
// The plan (planOsprofilerReport) fixes the order; `readSpans` brings the spans of a batch again,
// with their payloads, and each node is printed from its own span (streamPlannedNodes).
import type { Json } from "../notification/types";
import { createOpenNodes } from "./createOpenNodes";
import { formatJsonLikePython } from "./formatJsonLikePython";
import type { OsprofilerReportPlan } from "./planOsprofilerReport";
import { streamPlannedNodes, type ReadPlannedSpans } from "./streamPlannedNodes";

export async function* streamOsprofilerReport(
  plan: OsprofilerReportPlan,
  readSpans: ReadPlannedSpans,
  batchSize = 500,
): AsyncGenerator<string> {
  const { indent, childCounts } = plan;
  const pads: string[] = [];
  const pad = (level: number) => (indent === null ? "" : (pads[level] ??= "\n" + " ".repeat(indent * level)));
  const comma = indent === null ? ", " : ",";
  const format = (value: Json, level: number) => formatJsonLikePython(value, indent, level);

  let out = `{${pad(1)}"info": ${format(plan.info as unknown as Json, 1)}${comma}${pad(1)}"children": `;
  if (plan.roots === 0) out += "[]";
  else {
    // Open nodes, deepest last: a node at depth d is an object at level 2 + 2d.
    const open = createOpenNodes();
    let first = true; // the next node is the first of its list
    out = yield* streamPlannedNodes(plan, readSpans, batchSize, out + "[", {
      open,
      closeNode() {
        open.close();
        const level = 2 + 2 * open.depth;
        first = false;
        return pad(level + 1) + "]" + pad(level) + "}";
      },
      printNode(node, position) {
        const level = 2 + 2 * open.depth;
        const inner = comma + pad(level + 1);
        let text =
          (first ? "" : comma) +
          pad(level) +
          `{${pad(level + 1)}"info": ${format(node.info, level + 1)}` +
          `${inner}"trace_id": ${format(node.trace_id, level + 1)}` +
          `${inner}"parent_id": ${format(node.parent_id, level + 1)}` +
          `${inner}"children": `;
        const children = childCounts[position]!;
        if (children > 0) {
          text += "[";
          open.open(children, position);
          first = true;
        } else {
          text += "[]" + pad(level) + "}";
          first = false;
        }
        return text;
      },
    });
    out += pad(1) + "]";
  }
  out += `${comma}${pad(1)}"stats": ${format(plan.stats as unknown as Json, 1)}${pad(0)}}\n`;
  yield out;
}
