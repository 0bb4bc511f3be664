import type { TraceView } from "./createTraceView";

/**
 * The span of the next (direction 1) or previous (-1) search match in view order after `from` (a
 * span position, -1 for none), wrapping around: what "next match" and "previous match" go to on
 * the trace page and the compare page alike. When the view's filters hide every match, the next
 * hidden one in the trace's order (its opener relaxes what hides it: lib/ui/showSpanInState.ts).
 * -1 when nothing matches.
 */
export function findNextMatch(view: TraceView, from: number, direction: 1 | -1): number {
  if (!view.matches) return -1;
  if (view.matchCount === 0) return view.hiddenMatchCount > 0 ? findNextInTrace(view.matches, from, direction) : -1;
  const start = from >= 0 && view.position[from]! >= 0 ? view.position[from]! : direction > 0 ? -1 : view.size;
  for (let step = 1; step <= view.size; step++) {
    const v = (((start + direction * step) % view.size) + view.size) % view.size;
    const i = view.order[v]!;
    if (view.matches[i]) return i;
  }
  return -1;
}

function findNextInTrace(matches: Uint8Array, from: number, direction: 1 | -1): number {
  const size = matches.length;
  const start = from >= 0 ? from : direction > 0 ? -1 : size;
  for (let step = 1; step <= size; step++) {
    const i = (((start + direction * step) % size) + size) % size;
    if (matches[i]) return i;
  }
  return -1;
}
