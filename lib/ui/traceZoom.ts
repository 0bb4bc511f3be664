// The trace page's zoom: the part of the trace its timeline shows, kept in the view state as µs
// after the trace's start (lib/ui/traceViewState), so the URL keeps it and a new version of a
// live trace keeps the same moments in view. These are the zoom's three ways in and out: the
// axis a zoom shows, the zoom a drag on the ruler picks, the zoom that frames one span.
import { traceAxis, type TimeAxis, type Trace } from "../trace";

/** The axis the zoom shows; the whole trace's without a zoom, or for one that holds no time of it. */
export function zoomedAxis(trace: Trace, zoom: readonly [number, number] | null): TimeAxis {
  const whole = traceAxis(trace);
  if (!zoom) return whole;
  const startUs = whole.startUs + zoom[0],
    endUs = Math.min(whole.endUs, whole.startUs + zoom[1]);
  return endUs > startUs ? { startUs, endUs } : whole;
}

/**
 * The zoom for a window given as fractions of the axis shown (a drag on the ruler), widened to
 * whole µs; null when it holds no time.
 */
export function zoomToAxisWindow(axis: TimeAxis, startedUs: number, window: readonly [number, number]): [number, number] | null {
  const width = axis.endUs - axis.startUs,
    from = axis.startUs - startedUs;
  const next: [number, number] = [Math.floor(from + window[0] * width), Math.ceil(from + window[1] * width)];
  return next[1] > next[0] ? next : null;
}

/** The zoom that frames span `i`: its drawn extent and a margin of a tenth of its length (at least 1 µs) each side, so its edges stay visible. */
export function zoomAroundSpan(trace: Trace, i: number): [number, number] {
  const start = trace.displayStartUs[i]! - trace.startedUs,
    stop = trace.displayStopUs[i]! - trace.startedUs;
  const margin = Math.max(1, (stop - start) / 10);
  return [Math.max(0, Math.floor(start - margin)), Math.ceil(stop + margin)];
}
