// The critical path drawn on a timeline bar: the pieces of the path that fall in a row (the
// span's own, or a collapsed subtree's) as one CSS gradient, a plain string, so a row stays a
// memoized component with primitive props and a 100k-span subtree costs one string, not 100k
// elements. Pieces closer than a pixel-ish step merge, and the string is capped.
import type { CriticalPath, TimeAxis } from "../trace";

const CRITICAL_COLOR = "currentColor";
const MERGE_GAP = 0.002;
const MAX_PIECES = 120;

/** Segments bySpanSegments[from .. to) of the path, placed on the axis; null when none is in view. */
export function criticalStripe(path: CriticalPath, from: number, to: number, axis: TimeAxis, color = CRITICAL_COLOR): string | null {
  const width = axis.endUs - axis.startUs;
  if (!(width > 0) || to <= from) return null;
  const pieces: [number, number][] = [];
  for (let k = from; k < to; k++) {
    const seg = path.bySpanSegments[k]!;
    const a = Math.max(0, (path.segmentFromUs[seg]! - axis.startUs) / width);
    const b = Math.min(1, (path.segmentToUs[seg]! - axis.startUs) / width);
    if (b <= a && !(b === a && a > 0 && a < 1)) continue;
    pieces.push([a, Math.max(b, a + MERGE_GAP / 2)]);
  }
  if (pieces.length === 0) return null;
  pieces.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of pieces) {
    const last = merged[merged.length - 1];
    if (last && a - last[1] <= MERGE_GAP) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  // Past the cap, the smallest gaps go first: the stripe stays right at the scale it is seen.
  while (merged.length > MAX_PIECES) {
    let k = 1;
    for (let j = 2; j < merged.length; j++) if (merged[j]![0] - merged[j - 1]![1] < merged[k]![0] - merged[k - 1]![1]) k = j;
    merged[k - 1]![1] = merged[k]![1];
    merged.splice(k, 1);
  }
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
  const stops = merged.flatMap(([a, b]) => [`transparent ${pct(a)}`, `${color} ${pct(a)}`, `${color} ${pct(b)}`, `transparent ${pct(b)}`]);
  return `linear-gradient(to right, ${stops.join(", ")})`;
}

/** An interval placed on the axis as fractions (for a collapsed row's subtree extent). */
export function placeInterval(axis: TimeAxis, fromUs: number, toUs: number): { start: number; width: number } {
  const width = axis.endUs - axis.startUs;
  if (!(width > 0)) return { start: 0, width: 1 };
  return { start: (fromUs - axis.startUs) / width, width: Math.max(0, (toUs - fromUs) / width) };
}
