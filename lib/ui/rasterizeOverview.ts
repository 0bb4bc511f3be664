// The overview (minimap) above the timeline: every span of the view as a thin line on the whole
// trace's time axis, at its row's height scaled into a few dozen pixels, painted into an RGBA
// buffer the canvas takes as it is. A span in a collapsed subtree is drawn at its collapsed
// ancestor's row, so collapsing hides nothing here. A closed fold of "critical path only"
// (lib/trace/findPathFolds) is drawn as its timeline row draws it: one faint line where the path
// runs through its spans, not its spans each in its color as if the first one were collapsed.
//
// The cost is O(spans + colors x pixels) whatever the spans' lengths: each span adds +w at its
// first pixel and -w after its last in a per-color difference row (O(1) per span), one prefix
// sum per row turns that into coverage, and each pixel takes the color that covers it most, with
// an opacity that grows with how many spans cover it. A 100k-span trace is a few typed-array
// passes, recomputed only when the rows, the size or the emphasis change.
import { listFoldsHolding, measurePathWithin, readFoldSpans, type CriticalPath, type TimelineRows } from "../trace";

/** A span at least this share of the trace's duration is "long": drawn thicker and solid, so it stands out. */
const LONG_SPAN_SHARE = 0.05;
/** Colors beyond this many (services, most spans first) share the last one. */
export const MAX_OVERVIEW_COLORS = 24;

const LONG_WEIGHT = 3;
const EMPHASIS_BONUS = 2;

export type OverviewRowGeometry = {
  /** Pixels per row (less than 1 when there are more rows than pixels). */
  pitch: number;
  /** Line thickness of an ordinary and of a long span, in pixels. */
  thick: number;
  longThick: number;
};

export function computeOverviewRowGeometry(rowCount: number, height: number): OverviewRowGeometry {
  const pitch = rowCount > 0 ? height / rowCount : height;
  const thick = Math.max(1, Math.min(4, Math.floor(pitch * 0.6)));
  return { pitch, thick, longThick: Math.min(height, thick + 2) };
}

/** The top pixel row of a line `thick` pixels thick for timeline row `row`, centred in its band and kept inside. */
function overviewLineTop(row: number, geometry: OverviewRowGeometry, thick: number, height: number): number {
  const top = Math.floor(row * geometry.pitch + (geometry.pitch - thick) / 2);
  return Math.max(0, Math.min(height - thick, top));
}

export type OverviewCoverageInput = {
  rows: TimelineRows;
  width: number;
  height: number;
  /** By span position: its color slot (e.g. the legend's service index); slots past `colorCount - 1` use the last. */
  colorOf: Uint16Array;
  colorCount: number;
  /** By span position: 1 = draw strongly (e.g. the critical path); the others faint. Null: all drawn strongly. */
  emphasis: Uint8Array | null;
  /** The path the rows' folds are of (where a closed fold's line runs); without, its spans' extent. */
  path?: CriticalPath | null;
};

export type OverviewCoverage = {
  width: number;
  height: number;
  /** Strong color channels, then one faint channel. */
  channels: number;
  /** channel x height x width weights (a long span counts LONG_WEIGHT, an emphasized one more). */
  coverage: Int32Array;
};

export function computeOverviewCoverage(input: OverviewCoverageInput): OverviewCoverage {
  const { rows, emphasis } = input;
  const width = Math.max(0, Math.floor(input.width)),
    height = Math.max(0, Math.floor(input.height));
  const colors = Math.max(1, Math.min(MAX_OVERVIEW_COLORS, input.colorCount));
  const channels = colors + 1;
  const stride = width + 1;
  const diff = new Int32Array(channels * height * stride);
  const { view } = rows;
  const trace = view.trace;
  const axisStart = trace.startedUs,
    duration = trace.finishedUs - trace.startedUs;
  const longUs = duration * LONG_SPAN_SHARE;
  const geometry = computeOverviewRowGeometry(rows.count, height);

  if (width > 0 && height > 0 && rows.count > 0) {
    // Pre-order: a span that has no row of its own sits in the subtree of the last row before it.
    let row = -1;
    for (let v = 0; v < view.size; v++) {
      if (row + 1 < rows.count && rows.rows[row + 1] === v) row++;
      if (row < 0) continue;
      const i = view.order[v]!;
      let start = trace.displayStartUs[i]!,
        stop = trace.displayStopUs[i]!;
      const folded = rows.folded?.[v] === 1 && rows.rows[row] === v;
      if (folded) {
        // A closed fold: one faint line, and its spans (the view positions up to its end) skipped.
        const fold = readFoldSpans(view, rows.folds!, v);
        const on = input.path ? measurePathWithin(input.path, fold.first, fold.end) : null;
        for (let k = v + 1; !on && k < rows.folds!.end[v]!; k++) {
          start = Math.min(start, trace.displayStartUs[view.order[k]!]!);
          stop = Math.max(stop, trace.displayStopUs[view.order[k]!]!);
        }
        if (on) [start, stop] = [on.fromUs, on.toUs];
        v = rows.folds!.end[v]! - 1;
      }
      let x0 = 0,
        x1 = width;
      if (duration > 0) {
        x0 = Math.floor(((start - axisStart) / duration) * width);
        x1 = Math.ceil(((stop - axisStart) / duration) * width);
      }
      x0 = Math.max(0, Math.min(width - 1, x0));
      x1 = Math.max(x0 + 1, Math.min(width, x1)); // at least one pixel
      const long = !folded && duration > 0 && stop - start >= longUs;
      const strong = !folded && (emphasis === null || emphasis[i] === 1);
      const channel = strong ? Math.min(colors - 1, input.colorOf[i] ?? 0) : colors;
      const weight = (long ? LONG_WEIGHT : 1) + (emphasis !== null && strong ? EMPHASIS_BONUS : 0);
      const thick = long ? geometry.longThick : geometry.thick;
      const top = overviewLineTop(row, geometry, thick, height);
      for (let y = top; y < top + thick; y++) {
        const base = (channel * height + y) * stride;
        diff[base + x0]! += weight;
        diff[base + x1]! -= weight;
      }
    }
  }

  const coverage = new Int32Array(channels * height * width);
  for (let line = 0; line < channels * height; line++) {
    let sum = 0;
    const from = line * stride,
      to = line * width;
    for (let x = 0; x < width; x++) {
      sum += diff[from + x]!;
      coverage[to + x] = sum;
    }
  }
  return { width, height, channels, coverage };
}

/**
 * RGBA pixels (row-major, 4 bytes each) for ImageData: each pixel in the strong color that
 * covers it most (ties to the first, the biggest service), opaque from three spans on (or one
 * long one); else faint where only faint spans are; else transparent.
 * `rgb` holds 3 bytes per strong channel, then the faint color's.
 */
export function paintOverviewPixels(coverage: OverviewCoverage, rgb: Uint8Array): Uint8ClampedArray {
  const { width, height, channels, coverage: c } = coverage;
  const strong = channels - 1;
  const plane = width * height;
  const pixels = new Uint8ClampedArray(plane * 4);
  for (let p = 0; p < plane; p++) {
    let best = -1,
      bestWeight = 0,
      total = 0;
    for (let ch = 0; ch < strong; ch++) {
      const w = c[ch * plane + p]!;
      total += w;
      if (w > bestWeight) {
        bestWeight = w;
        best = ch;
      }
    }
    const o = p * 4;
    if (best >= 0) {
      pixels[o] = rgb[best * 3]!;
      pixels[o + 1] = rgb[best * 3 + 1]!;
      pixels[o + 2] = rgb[best * 3 + 2]!;
      pixels[o + 3] = Math.min(255, 110 + 50 * total);
    } else {
      const faint = c[strong * plane + p]!;
      if (faint > 0) {
        pixels[o] = rgb[strong * 3]!;
        pixels[o + 1] = rgb[strong * 3 + 1]!;
        pixels[o + 2] = rgb[strong * 3 + 2]!;
        pixels[o + 3] = Math.min(120, 50 + 20 * faint);
      }
    }
  }
  return pixels;
}

/**
 * The row a span is drawn at: its own, its closed fold's, or its nearest ancestor's that has one
 * (inside a collapsed subtree); -1 when the view hides it.
 */
export function findOverviewRow(rows: TimelineRows, spanIndex: number): number {
  const { view } = rows;
  let v = view.position[spanIndex] ?? -1;
  // In a closed fold: the fold's row (the outermost closed one holding it).
  if (v >= 0 && rows.folded && rows.folds) v = listFoldsHolding(rows.folds, v).find((s) => rows.folded![s] === 1) ?? v;
  while (v >= 0) {
    const row = binarySearch(rows.rows, rows.count, v);
    if (row >= 0) return row;
    v = view.parent[v]!;
  }
  return -1;
}

function binarySearch(sorted: Int32Array, count: number, value: number): number {
  let lo = 0,
    hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
