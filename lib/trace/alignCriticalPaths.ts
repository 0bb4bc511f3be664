// "Critical path only" over two traces aligned (alignTraces): the rows that carry the time in
// either trace. The reader of a comparison asks why B took longer than A, and the answer can sit
// on either side: a cast whose work got slower in B is on B's path; a call that was on A's path
// and is faster or gone in B is where B gained, and hiding it would leave the sum unexplained.
// So a row counts with the larger of its two spans' times on their own trace's path (each
// trace's own computeCriticalPath: the path of the merged rows, whose times mix both traces,
// would be neither). Only the larger, not the sum: the fold threshold (findPathFolds) is a share
// of one trace's wall time, and a row carrying 1% in both traces carries 1%, not 2%. A group of
// repeated calls has no span of its own and carries nothing itself; its members do, and
// createTraceView keeps it as their ancestor, as it keeps every ancestor of a path row (the tree
// still reads from the root down to the slower cast).
import type { PathTimes } from "./computeCriticalPath";
import type { TraceAlignment } from "./alignTraces";

/** By aligned row: its time on A's path or on B's, the larger; the wall time is the longer trace's. */
export function alignCriticalPaths(al: TraceAlignment, pathA: PathTimes, pathB: PathTimes): PathTimes {
  const bySpan = new Float64Array(al.size);
  for (let r = 0; r < al.size; r++) {
    const i = al.aSpan[r]!,
      j = al.bSpan[r]!;
    bySpan[r] = Math.max(i < 0 ? 0 : pathA.bySpan[i]!, j < 0 ? 0 : pathB.bySpan[j]!);
  }
  return { bySpan, wallUs: Math.max(pathA.wallUs, pathB.wallUs) };
}
