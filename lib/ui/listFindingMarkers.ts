// What the overview marks on a trace: the spans the findings point at (the longest spawn, the
// failed call, where a hung request stopped), each once, at its start and labelled by its call.
// Not the answer's root nor the SQL's first statement: those say nothing a mark would place.
import { labelCall, type Trace, type TraceFinding } from "../trace";

export function listFindingMarkers(trace: Trace, findings: readonly TraceFinding[] | null): { spanIndex: number; label: string }[] {
  const seen = new Set<number>();
  return (findings ?? [])
    .filter((f) => f.kind !== "answer" && f.kind !== "sql" && f.focus >= 0 && !seen.has(f.focus) && seen.add(f.focus))
    .map((f) => ({ spanIndex: f.focus, label: labelCall(trace, f.focus) }));
}
