// The [identifier, traceId] rows a batch adds to the id lookup (table trace_identifier): the
// ids in each newly arrived half of a span (its request line or statement, its payload text),
// at most MAX_IDS_PER_TRACE planned per trace over all batches (summary.identifierCount, which
// this raises on the summaries about to be written). Rows already stored are skipped by the
// insert; they still count, so the bound errs on the small side.
import { extractOpenstackIds } from "../span/extractOpenstackIds";
import type { SpanChange, TraceSummaryRow } from "./types";

const MAX_IDS_PER_TRACE = 1000;

export function planTraceIdentifiers(changes: readonly SpanChange[], summaries: readonly TraceSummaryRow[]): [string, string][] {
  const byTrace = new Map(summaries.map((s) => [s.traceId, s]));
  const planned = new Map<string, Set<string>>();
  for (const { before, after } of changes) {
    const summary = byTrace.get(after.traceId);
    if (!summary) continue;
    let ids = planned.get(after.traceId);
    if (!ids) planned.set(after.traceId, (ids = new Set()));
    const arrived = [
      before?.detail == null ? after.detail : null,
      before?.startRest == null ? after.startRest : null,
      before?.stopRest == null ? after.stopRest : null,
    ];
    for (const id of extractOpenstackIds(arrived)) {
      if (ids.has(id) || summary.identifierCount >= MAX_IDS_PER_TRACE) continue;
      ids.add(id);
      summary.identifierCount++;
    }
  }
  return [...planned].flatMap(([traceId, ids]) => [...ids].map((id): [string, string] => [id, traceId]));
}
