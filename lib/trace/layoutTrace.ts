// The part of a trace that follows from its pre-order columns alone: depth, subtree ends, the
// time axis and the drawn extents. Shared by buildTrace (server or browser) and
// convertCompactToTrace (browser), so both give the identical model.
import { SpanFlag, type Trace } from "./types";

export type TraceColumns = Omit<Trace, "depth" | "subtreeEnd" | "displayStartUs" | "displayStopUs" | "startedUs" | "finishedUs">;

/**
 * Completes the columns into a Trace. `parent[i] < i` must hold (pre-order). A NaN in startUs or
 * stopUs (a span with no timestamp and no timed descendant) becomes its parent's start, or the
 * trace's start; the arrays are completed in place.
 */
export function layoutTrace(columns: TraceColumns): Trace {
  const { size, parent, flags, startUs, stopUs } = columns;
  const depth = new Int32Array(size);
  const subtreeEnd = new Int32Array(size);

  let startedUs = Infinity;
  let finishedUs = -Infinity;
  for (let i = 0; i < size; i++) {
    const p = parent[i]!;
    if (p >= i || p < -1) throw new Error(`trace columns are not in pre-order: span ${i} has parent ${p}`);
    depth[i] = p < 0 ? 0 : depth[p]! + 1;
    const s = startUs[i]!, e = stopUs[i]!;
    if (s < startedUs) startedUs = s;
    if (e > finishedUs) finishedUs = e;
  }
  if (startedUs === Infinity) startedUs = finishedUs === -Infinity ? 0 : finishedUs;
  if (finishedUs === -Infinity) finishedUs = startedUs;

  // Subtree sizes accumulate bottom-up: children come after their parent in pre-order.
  for (let i = size - 1; i >= 0; i--) {
    subtreeEnd[i]! += 1;
    const p = parent[i]!;
    if (p >= 0) subtreeEnd[p]! += subtreeEnd[i]!;
    subtreeEnd[i] = i + subtreeEnd[i]!;
  }

  const displayStartUs = new Float64Array(size);
  const displayStopUs = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const p = parent[i]!;
    if (Number.isNaN(startUs[i]!)) startUs[i] = p < 0 ? startedUs : startUs[p]!;
    if (Number.isNaN(stopUs[i]!)) stopUs[i] = startUs[i]!;
    const f = flags[i]!;
    displayStartUs[i] = f & SpanFlag.NO_START ? Math.min(startUs[i]!, p < 0 ? startedUs : displayStartUs[p]!) : startUs[i]!;
    displayStopUs[i] = f & SpanFlag.UNFINISHED ? Math.max(stopUs[i]!, p < 0 ? finishedUs : displayStopUs[p]!) : stopUs[i]!;
  }

  return { ...columns, depth, subtreeEnd, displayStartUs, displayStopUs, startedUs, finishedUs };
}
