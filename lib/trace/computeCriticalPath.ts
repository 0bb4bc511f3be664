// Critical path: walking back from the end of the trace, the time each span was the one the
// request was waiting on. At each span, the child that finished last (before the current point)
// is followed into; the gaps between such children belong to the span itself. Children running
// in parallel with the followed one do not count. The parts sum to the trace's wall time; time
// no top-level span covers is "unattributed". Iterative, so any depth works.
import type { TraceView } from "./createTraceView";

export type CriticalPath = {
  /** Microseconds on the critical path, by view position. */
  byPosition: Float64Array;
  /** Wall time covered by no top-level span of the view. */
  unattributedUs: number;
};

export function computeCriticalPath(view: TraceView): CriticalPath {
  const { trace, order } = view;
  const n = view.size;
  const root = n; // a virtual span over the whole trace, parent of the view's roots
  const start = new Float64Array(n + 1), stop = new Float64Array(n + 1);
  for (let v = 0; v < n; v++) {
    start[v] = trace.startUs[order[v]!]!;
    stop[v] = trace.stopUs[order[v]!]!;
  }
  start[root] = trace.startedUs;
  stop[root] = trace.finishedUs;

  // Children of each span (and of the virtual root) as one flat array, latest stop first.
  const first = new Int32Array(n + 2);
  for (let v = 0; v < n; v++) first[(view.parent[v]! < 0 ? root : view.parent[v]!) + 1]!++;
  for (let u = 0; u <= n; u++) first[u + 1]! += first[u]!;
  const fill = first.slice(0, n + 1);
  const children = new Int32Array(n);
  for (let v = 0; v < n; v++) children[fill[view.parent[v]! < 0 ? root : view.parent[v]!]!++] = v;
  for (let u = 0; u <= n; u++) {
    if (first[u + 1]! - first[u]! > 1) children.subarray(first[u]!, first[u + 1]!).sort((a, b) => stop[b]! - stop[a]! || start[b]! - start[a]!);
  }

  const onPath = new Float64Array(n + 1);
  const node = new Int32Array(n + 1), next = new Int32Array(n + 1);
  const cursor = new Float64Array(n + 1), floor = new Float64Array(n + 1);
  let top = 0;
  node[0] = root; next[0] = first[root]!; cursor[0] = stop[root]!; floor[0] = start[root]!;
  top = 1;
  while (top > 0) {
    const f = top - 1;
    const u = node[f]!;
    const at = cursor[f]!, low = floor[f]!;
    let k = next[f]!, found = -1;
    for (const end = first[u + 1]!; k < end; ) {
      const v = children[k++]!;
      if (stop[v]! <= low) { k = end; break; } // this and every later child ended before u began
      if (start[v]! < at) { found = v; break; }
    }
    next[f] = k;
    if (found < 0) {
      if (at > low) onPath[u]! += at - low;
      top--;
      continue;
    }
    const childEnd = Math.min(stop[found]!, at);
    onPath[u]! += at - childEnd;
    const childFloor = Math.max(start[found]!, low);
    cursor[f] = childFloor;
    node[top] = found; next[top] = first[found]!; cursor[top] = childEnd; floor[top] = childFloor;
    top++;
  }
  return { byPosition: onPath.subarray(0, n), unattributedUs: onPath[root]! };
}
