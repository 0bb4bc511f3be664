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
  // The pieces merge as they come in time order: no object per segment and no sort by start
  // (a collapsed root of a big trace holds every segment of the path: 388k of them at 200k
  // spans cost 100-280 ms that way). The path is in time order, so by index is by start.
  const merged: [number, number][] = [];
  const { first, list } = segmentsInOrder(path.bySpanSegments, from, to);
  for (let k = 0; k < to - from; k++) {
    const seg = list ? list[k]! : first + k;
    const a = Math.max(0, (path.segmentFromUs[seg]! - axis.startUs) / width);
    const b = Math.min(1, (path.segmentToUs[seg]! - axis.startUs) / width);
    if (b <= a && !(b === a && a > 0 && a < 1)) continue;
    const end = Math.max(b, a + MERGE_GAP / 2);
    const last = merged[merged.length - 1];
    if (last && a - last[1] <= MERGE_GAP) last[1] = Math.max(last[1], end);
    else merged.push([a, end]);
  }
  if (merged.length === 0) return null;
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

/**
 * segments[from .. to) in increasing order. A subtree's segments are listed span by span: when
 * they are every segment from the least to the greatest (a collapsed root: the whole path) they
 * are that range, `list` null; when they lie close together among the path's (a collapsed
 * subtree, the usual case) they are marked and read off in one pass, otherwise sorted. (A
 * collapsed root of a 10k-span trace: 20k segments, whose marking and reading off were 1-4 ms of
 * the collapse's task in the browser, docs/benchmarks.md §27.)
 */
function segmentsInOrder(segments: Int32Array, from: number, to: number): { first: number; list: Int32Array | null } {
  let lo = Infinity,
    hi = -Infinity;
  for (let k = from; k < to; k++) {
    lo = Math.min(lo, segments[k]!);
    hi = Math.max(hi, segments[k]!);
  }
  // Each segment is listed once (under its span), so as many as the range holds are all of it.
  if (hi - lo + 1 === to - from) return { first: lo, list: null };
  if (hi - lo + 1 > 4 * (to - from)) return { first: lo, list: segments.slice(from, to).sort() };
  const marked = new Uint8Array(hi - lo + 1);
  for (let k = from; k < to; k++) marked[segments[k]! - lo] = 1;
  const out = new Int32Array(to - from);
  let n = 0;
  for (let j = 0; j < marked.length; j++) if (marked[j]) out[n++] = lo + j;
  return { first: lo, list: out };
}
