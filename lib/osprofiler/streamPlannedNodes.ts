// The walk both streamed printers (streamOsprofilerReport, streamOsprofilerDot) make over a
// report's plan: its nodes in pre-order, a batch at a time, each batch's spans read again with
// their payloads and each made into its node (createOsprofilerNode), so only `batchSize` spans'
// payloads are held at once. Before a node comes, the open nodes whose subtrees are done are
// closed, deepest first; what a printer writes for a node and for a close is its own.
import type { Span } from "../span/types";
import type { OsprofilerNode } from "./convertSpansToOsprofilerReport";
import type { OpenNodes } from "./createOpenNodes";
import { createOsprofilerNode } from "./createOsprofilerNode";
import type { OsprofilerReportPlan } from "./planOsprofilerReport";

/** A batch of spans, each read with at(i) once (an array, or a list that makes each span when asked). */
type PlannedSpans = { readonly length: number; at(index: number): Span | undefined };

/** The spans numbered `ks` in the plan (its ids.idOf(k)), payloads included, in that order. */
export type ReadPlannedSpans = (ks: Uint32Array) => Promise<PlannedSpans> | PlannedSpans;

export type PlannedNodePrinter = {
  /** The printer's open nodes: printNode opens the nodes whose closes it prints. */
  readonly open: OpenNodes;
  /** Closes the deepest open node; returns the text that ends it. */
  closeNode(): string;
  /** The text of the node at `position` in the plan's order. */
  printNode(node: OsprofilerNode, position: number): string;
};

/**
 * Yields `head` and each batch's text together, one chunk a batch; returns the text of the
 * closes after the last batch (all of `head` when the plan has no node).
 */
export async function* streamPlannedNodes(
  plan: OsprofilerReportPlan,
  readSpans: ReadPlannedSpans,
  batchSize: number,
  head: string,
  printer: PlannedNodePrinter,
): AsyncGenerator<string, string> {
  const { order } = plan;
  const { open } = printer;
  let out = head;
  for (let at = 0; at < order.length; at += batchSize) {
    const ks = order.subarray(at, Math.min(order.length, at + batchSize));
    const spans = await readSpans(ks);
    for (let i = 0; i < ks.length; i++) {
      while (open.deepestDone) out += printer.closeNode();
      open.arrive();
      const node = createOsprofilerNode(spans.at(i)!, plan.firstUs);
      if (!node) throw new Error(`span ${plan.ids.idOf(ks[i]!)} has no notification any more`);
      out += printer.printNode(node, at + i);
    }
    yield out;
    out = "";
  }
  while (open.depth > 0) out += printer.closeNode();
  return out;
}
