// A sample of a trace's spans (its earliest ones: lib/db/readEarliestTraceSpans) made into a tree
// that is a true top part of the whole: only spans whose every ancestor is in the sample, up to
// the trace itself. A span whose parent is elsewhere (it started before its parent: clock skew)
// would otherwise be shown as an orphan at the root, which it is not.
import type { Span } from "../span/types";

export function keepConnectedSpans(spans: readonly Span[], traceId: string): Span[] {
  const byId = new Map<string, Span>();
  for (const s of spans) byId.set(s.spanId, s);
  // 1 connected, 0 not, absent: not decided yet.
  const decided = new Map<string, 0 | 1>();
  const path: string[] = [];
  for (const s of spans) {
    let id: string = s.spanId;
    let verdict: 0 | 1 | undefined;
    for (;;) {
      verdict = decided.get(id);
      if (verdict !== undefined) break;
      const span = byId.get(id);
      if (!span) {
        verdict = 0;
        break;
      }
      if (span.parentId === traceId) {
        path.push(id);
        verdict = 1;
        break;
      }
      decided.set(id, 0); // on the path: a cycle back to it is not connected
      path.push(id);
      id = span.parentId;
    }
    for (const p of path) decided.set(p, verdict);
    path.length = 0;
  }
  return spans.filter((s) => decided.get(s.spanId) === 1);
}
