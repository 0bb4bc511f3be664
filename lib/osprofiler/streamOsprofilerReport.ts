// OSprofiler's report of a trace as text, printed a batch of nodes at a time: the same bytes as
// formatOsprofilerReport(convertSpansToOsprofilerReport(spans)) (Python's json.dumps layout,
// indent 2 or one line as the plan chose), but only `batchSize` spans' payloads are held at once.
// The plan (planOsprofilerReport) fixes the order; `readSpans` brings the spans of a batch again,
// with their payloads, and each node is printed from its own span (createOsprofilerNode).
import type { Json } from "../notification/types";
import type { Span } from "../span/types";
import { createOpenNodes } from "./createOpenNodes";
import { createOsprofilerNode } from "./createOsprofilerNode";
import { formatJsonLikePython } from "./formatJsonLikePython";
import type { OsprofilerReportPlan } from "./planOsprofilerReport";

/** A batch of spans, each read with at(i) once (an array, or a list that makes each span when asked). */
type PlannedSpans = { readonly length: number; at(index: number): Span | undefined };

/** The spans numbered `ks` in the plan (its ids.idOf(k)), payloads included, in that order. */
export type ReadPlannedSpans = (ks: Uint32Array) => Promise<PlannedSpans> | PlannedSpans;

export async function* streamOsprofilerReport(
  plan: OsprofilerReportPlan,
  readSpans: ReadPlannedSpans,
  batchSize = 500,
): AsyncGenerator<string> {
  const { indent, childCounts, order } = plan;
  const pads: string[] = [];
  const pad = (level: number) => (indent === null ? "" : (pads[level] ??= "\n" + " ".repeat(indent * level)));
  const comma = indent === null ? ", " : ",";
  const format = (value: Json, level: number) => formatJsonLikePython(value, indent, level);

  let out = `{${pad(1)}"info": ${format(plan.info as unknown as Json, 1)}${comma}${pad(1)}"children": `;
  if (plan.roots === 0) out += "[]";
  else {
    out += "[";
    // Open nodes, deepest last: a node at depth d is an object at level 2 + 2d.
    const open = createOpenNodes();
    let first = true; // the next node is the first of its list
    const close = () => {
      open.close();
      const level = 2 + 2 * open.depth;
      out += pad(level + 1) + "]" + pad(level) + "}";
      first = false;
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
        const level = 2 + 2 * open.depth;
        const inner = comma + pad(level + 1);
        out +=
          (first ? "" : comma) +
          pad(level) +
          `{${pad(level + 1)}"info": ${format(node.info, level + 1)}` +
          `${inner}"trace_id": ${format(node.trace_id, level + 1)}` +
          `${inner}"parent_id": ${format(node.parent_id, level + 1)}` +
          `${inner}"children": `;
        const children = childCounts[at + i]!;
        if (children > 0) {
          out += "[";
          open.open(children, at + i);
          first = true;
        } else {
          out += "[]" + pad(level) + "}";
          first = false;
        }
      }
      yield out;
      out = "";
    }
    while (open.depth > 0) close();
    out += pad(1) + "]";
  }
  out += `${comma}${pad(1)}"stats": ${format(plan.stats as unknown as Json, 1)}${pad(0)}}\n`;
  yield out;
}
