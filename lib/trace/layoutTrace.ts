// The part of a trace that follows from its pre-order columns alone: depth, subtree ends, the
// time axis and the drawn extents. Shared by buildTrace (server or browser) and
// convertCompactToTrace (browser), so both give the identical model.
import { SpanFlag, type Trace } from "./types";

export type TraceColumns = Omit<
  Trace,
  "depth" | "subtreeEnd" | "displayStartUs" | "displayStopUs" | "subtreeStartUs" | "subtreeStopUs" | "startedUs" | "finishedUs"
>;

/**
 * Completes the columns into a Trace. `parent[i] < i` must hold (pre-order). A NaN in startUs or
 * stopUs (a span with no timestamp and no timed descendant) becomes its parent's start, or the
 * trace's start; the arrays are completed in place. The ASYNC and SKEW flags are derived here
 * from the times (so a trace whose times are shifted gets them anew).
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
    const s = startUs[i]!,
      e = stopUs[i]!;
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
    const f = (flags[i] = (flags[i]! & ~(SpanFlag.ASYNC | SpanFlag.SKEW)) | timingFlags(flags, startUs, stopUs, i, p));
    displayStartUs[i] = f & SpanFlag.NO_START ? Math.min(startUs[i]!, p < 0 ? startedUs : displayStartUs[p]!) : startUs[i]!;
    displayStopUs[i] = f & SpanFlag.UNFINISHED ? Math.max(stopUs[i]!, p < 0 ? finishedUs : displayStopUs[p]!) : stopUs[i]!;
  }

  // Children follow their parent in pre-order, so one backward pass carries extents upwards. A
  // negative duration (a clock stepped back) still spans its two timestamps.
  const subtreeStartUs = new Float64Array(size);
  const subtreeStopUs = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    subtreeStartUs[i] = Math.min(startUs[i]!, stopUs[i]!);
    subtreeStopUs[i] = Math.max(startUs[i]!, stopUs[i]!);
  }
  for (let i = size - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p < 0) continue;
    if (subtreeStartUs[i]! < subtreeStartUs[p]!) subtreeStartUs[p] = subtreeStartUs[i]!;
    if (subtreeStopUs[i]! > subtreeStopUs[p]!) subtreeStopUs[p] = subtreeStopUs[i]!;
  }

  return { ...columns, depth, subtreeEnd, displayStartUs, displayStopUs, subtreeStartUs, subtreeStopUs, startedUs, finishedUs };
}

/**
 * ASYNC when a span ends after its parent's end, SKEW when it starts before its parent's start
 * or stops before its own start. Inferred ends prove nothing: a span without a stop cannot be
 * said to outlive its parent, nor a parent without a stop to have ended.
 */
function timingFlags(flags: Uint8Array, startUs: Float64Array, stopUs: Float64Array, i: number, p: number): number {
  const f = flags[i]!;
  let out = 0;
  if (stopUs[i]! < startUs[i]! && !(f & (SpanFlag.UNFINISHED | SpanFlag.NO_START))) out |= SpanFlag.SKEW;
  if (p < 0) return out;
  const pf = flags[p]!;
  if (!(f & SpanFlag.UNFINISHED) && !(pf & SpanFlag.UNFINISHED) && stopUs[i]! > stopUs[p]!) out |= SpanFlag.ASYNC;
  if (!(f & SpanFlag.NO_START) && !(pf & SpanFlag.NO_START) && startUs[i]! < startUs[p]!) out |= SpanFlag.SKEW;
  return out;
}
