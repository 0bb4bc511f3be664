// What `ostrace tail` prints after each poll of the newest traces: those it has not printed
// yet, oldest first. The memory of printed ids is bounded (the newest few thousand): a trace
// that has dropped that far out of the newest never comes back into them.
import type { TraceListItem } from "../trace/traceList";

const REMEMBERED = 5000;

export type TailState = { seen: string[] };

export function followNewTraces(state: TailState, newestFirst: readonly TraceListItem[]): { state: TailState; fresh: TraceListItem[] } {
  const seen = new Set(state.seen);
  const fresh = newestFirst.filter((t) => !seen.has(t.traceId)).reverse();
  const next = [...state.seen, ...fresh.map((t) => t.traceId)];
  return { state: { seen: next.length > REMEMBERED ? next.slice(next.length - REMEMBERED) : next }, fresh };
}
