// Which spans' raw payloads an offline report keeps, within a byte budget. A 100k-span trace
// carries ~100 MB of payloads (most of it SQL of db calls, which the compact trace already
// holds as the span's detail), more than a browser wants to parse from one file. So the budget
// goes first to the spans that raised (the exception and its arguments are what one opens a
// report for), then to the other calls (requests, RPC, functions: their arguments), then to
// SQL calls (their parameters), each group in tree order; a span that does not fit is skipped
// and smaller ones after it may still go in.
import { DB_SPAN_NAMES } from "../trace/createTraceView";
import type { CompactTrace } from "../trace/compactTrace";

export type DetailsEntry = { spanId: string; bytes: number };

export function selectInlinedDetails(compact: CompactTrace, entries: readonly DetailsEntry[], budgetBytes: number): Set<string> {
  const position = new Map<string, number>();
  compact.ids.forEach((id, i) => position.set(id, i));
  const raised = new Set(compact.errors.map(([p]) => p));
  const group = (p: number | undefined): number => {
    if (p === undefined) return 3;
    if (raised.has(p)) return 0;
    const name = compact.strings[compact.kinds[compact.kind[p]!]![0]]!;
    return DB_SPAN_NAMES.has(name) ? 2 : 1;
  };
  const ranked = entries
    .map((e) => ({ ...e, p: position.get(e.spanId) }))
    .map((e) => ({ ...e, group: group(e.p) }))
    .sort((a, b) => a.group - b.group || (a.p ?? Infinity) - (b.p ?? Infinity));
  const chosen = new Set<string>();
  let used = 0;
  for (const e of ranked) {
    if (used + e.bytes > budgetBytes) continue;
    used += e.bytes;
    chosen.add(e.spanId);
  }
  return chosen;
}
