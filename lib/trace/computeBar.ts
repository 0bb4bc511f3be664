import type { Trace } from "./types";

/** A window of the time axis, in microseconds since the epoch. */
export type TimeAxis = { startUs: number; endUs: number };

/** Where a span's bar sits, as fractions of the axis width. */
export type Bar = { start: number; width: number };

/** OSprofiler's report draws every bar at least 0.5% wide. */
export const MIN_BAR_WIDTH = 0.005;

export function traceAxis(trace: Trace): TimeAxis {
  return { startUs: trace.startedUs, endUs: trace.finishedUs };
}

/**
 * The bar of the span at `index`, from its drawn extent. Bars are at least `minWidth` wide and
 * kept inside the axis when they would spill past its end only because of that minimum.
 */
export function computeBar(trace: Trace, index: number, axis: TimeAxis = traceAxis(trace), minWidth = MIN_BAR_WIDTH): Bar {
  const span = axis.endUs - axis.startUs;
  if (!(span > 0)) return { start: 0, width: Math.max(minWidth, 1) };
  let start = (trace.displayStartUs[index]! - axis.startUs) / span;
  const width = Math.max(minWidth, (trace.displayStopUs[index]! - trace.displayStartUs[index]!) / span);
  if (start <= 1 && start + width > 1 && width === minWidth) start = Math.max(0, 1 - width);
  return { start, width };
}
