import { useCallback, useLayoutEffect, useMemo, useRef } from "react";
import type { Trace } from "@/lib/trace";
import { zoomAroundSpan, zoomedAxis, zoomToAxisWindow } from "@/lib/ui/traceZoom";
import type { TraceViewState } from "@/lib/ui/traceViewState";
import type { ViewStatePatch } from "./useTraceViewState";

/**
 * The timeline's time axis for the view state's zoom, and the ways to change it: a window drawn
 * on the axis, a window on the overview, a span's extent.
 */
export function useTraceZoom(trace: Trace, zoom: TraceViewState["zoom"], update: (patch: ViewStatePatch) => void) {
  // The zoom is kept in µs after the trace's start: a new version that starts earlier (a span
  // from a host whose clock is behind) shifts it, so the same moments stay in view.
  const startedUs = useRef(trace.startedUs);
  useLayoutEffect(() => {
    const shift = startedUs.current - trace.startedUs;
    startedUs.current = trace.startedUs;
    if (shift !== 0) update((s) => (s.zoom ? { zoom: [s.zoom[0] + shift, s.zoom[1] + shift] } : {}));
  }, [trace, update]);
  const axis = useMemo(() => zoomedAxis(trace, zoom), [trace, zoom]);
  const onZoom = useCallback(
    (window: [number, number] | null) => {
      update({ zoom: window ? zoomToAxisWindow(axis, trace.startedUs, window) : null });
    },
    [axis, trace, update],
  );
  const onZoomWindow = useCallback((next: [number, number] | null) => update({ zoom: next }), [update]);
  const zoomToSpan = useCallback((i: number) => update({ zoom: zoomAroundSpan(trace, i) }), [trace, update]);
  return { axis, onZoom, onZoomWindow, zoomToSpan };
}
