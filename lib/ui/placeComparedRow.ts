// Where an aligned row's two bars go: A's and B's extents on one axis that starts at each trace's
// own start (so "the same moment into the request" lines up), as fractions of the axis. A
// collapsed row shows its subtree's extent (async work included), a group its members' extent.
import type { TraceAlignment } from "../trace";

export type ComparedBars = { a: [number, number] | null; b: [number, number] | null };

/** `axis`: the window shown, in µs after the traces' starts. */
export function placeComparedRow(al: TraceAlignment, r: number, collapsed: boolean, axis: [fromUs: number, toUs: number]): ComparedBars {
  const width = axis[1] - axis[0];
  const place = (from: number, to: number): [number, number] => {
    const start = width > 0 ? Math.max(0, Math.min(1, (from - axis[0]) / width)) : 0;
    const stop = width > 0 ? Math.max(start, Math.min(1, (to - axis[0]) / width)) : 0;
    return [start, stop - start];
  };
  if (al.group[r]) {
    const extent = place(al.merged.startUs[r]!, al.merged.stopUs[r]!);
    return al.aCount[r]! > 0 ? { a: extent, b: null } : { a: null, b: extent };
  }
  const side = (t: TraceAlignment["a"], i: number) => {
    if (i < 0) return null;
    return collapsed
      ? place(t.subtreeStartUs[i]! - t.startedUs, t.subtreeStopUs[i]! - t.startedUs)
      : place(t.displayStartUs[i]! - t.startedUs, t.displayStopUs[i]! - t.startedUs);
  };
  return { a: side(al.a, al.aSpan[r]!), b: side(al.b, al.bSpan[r]!) };
}
