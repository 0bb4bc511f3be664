// The overview's window: the part of the trace the timeline shows (its zoom), drawn over the
// whole trace's time axis as fractions 0..1, and what a drag on the overview makes of it: pan
// (inside the window), move an edge, or select a new window (outside it). The zoom itself is
// view state in microseconds after the trace's start (lib/ui/traceViewState), so the URL keeps it.

export type OverviewWindow = { from: number; to: number };

export type OverviewDragMode = "pan" | "start" | "end" | "select";

/** What a press starts, from where it happened: pressing outside the window selects a new one. */
export type OverviewDrag = { mode: OverviewDragMode; origin: number; window: OverviewWindow };

export const WHOLE_WINDOW: OverviewWindow = { from: 0, to: 1 };

/** The window for a zoom (µs after the trace's start) on a trace `durationUs` long. */
export function zoomToOverviewWindow(zoom: readonly [number, number] | null, durationUs: number): OverviewWindow {
  if (!zoom || !(durationUs > 0)) return WHOLE_WINDOW;
  const from = clamp01(zoom[0] / durationUs),
    to = clamp01(zoom[1] / durationUs);
  return to > from ? { from, to } : WHOLE_WINDOW;
}

/**
 * The zoom for a window; null (no zoom) when it covers the whole trace. Rounded to whole
 * microseconds, as the URL writes them (0.15 of 1000 µs is 150, not float's 149.99...).
 */
export function overviewWindowToZoom(window: OverviewWindow, durationUs: number): [number, number] | null {
  if (!(durationUs > 0)) return null;
  const from = Math.max(0, Math.round(window.from * durationUs)),
    to = Math.min(durationUs, Math.round(window.to * durationUs));
  if (to <= from || (from === 0 && to >= durationUs)) return null;
  return [from, to];
}

/**
 * Where a press at `fraction` lands: on an edge (within `edge`, a fraction, so a few pixels
 * whatever the width), inside the window, or outside it. A window covering everything has no
 * inside to pan: a press there selects.
 */
export function hitOverviewWindow(window: OverviewWindow, fraction: number, edge: number): OverviewDragMode {
  const whole = window.from <= 0 && window.to >= 1;
  if (!whole) {
    // A narrow window: its edges split it, so both stay reachable.
    const reach = Math.min(edge, (window.to - window.from) / 3);
    if (Math.abs(fraction - window.from) <= reach) return "start";
    if (Math.abs(fraction - window.to) <= reach) return "end";
    if (fraction > window.from && fraction < window.to) return "pan";
  }
  return "select";
}

/**
 * The window while a drag started by `drag` is at `fraction`. `minWidth` (a fraction) keeps the
 * window from collapsing; panning keeps its width and stops at the trace's ends.
 */
export function dragOverviewWindow(drag: OverviewDrag, fraction: number, minWidth: number): OverviewWindow {
  const f = clamp01(fraction);
  const { window: w } = drag;
  const min = Math.min(1, Math.max(0, minWidth));
  switch (drag.mode) {
    case "pan": {
      const width = w.to - w.from;
      const from = Math.min(1 - width, Math.max(0, w.from + f - drag.origin));
      return { from, to: from + width };
    }
    case "start":
      return { from: Math.max(0, Math.min(f, w.to - min)), to: w.to };
    case "end":
      return { from: w.from, to: Math.min(1, Math.max(f, w.from + min)) };
    case "select": {
      const a = Math.min(drag.origin, f),
        b = Math.max(drag.origin, f);
      if (b - a >= min) return { from: a, to: b };
      // Too narrow yet: the minimum width around the press, kept inside the trace.
      const from = Math.min(1 - min, Math.max(0, (a + b) / 2 - min / 2));
      return { from, to: from + min };
    }
  }
}

/** A click (no drag) outside the window moves the window to be centred there, keeping its width. */
export function centreOverviewWindow(window: OverviewWindow, fraction: number): OverviewWindow {
  const width = window.to - window.from;
  const from = Math.min(1 - width, Math.max(0, clamp01(fraction) - width / 2));
  return { from, to: from + width };
}

/** Arrow keys pan the window by a tenth of its width, +/- zoom it around its centre, 0 resets. */
export function stepOverviewWindow(window: OverviewWindow, key: string, minWidth: number): OverviewWindow | null {
  const width = window.to - window.from;
  const centre = (window.from + window.to) / 2;
  const around = (next: number) => {
    const w = Math.min(1, Math.max(minWidth, next));
    const from = Math.min(1 - w, Math.max(0, centre - w / 2));
    return { from, to: from + w };
  };
  switch (key) {
    case "ArrowLeft":
      return centreOverviewWindow(window, centre - width / 10);
    case "ArrowRight":
      return centreOverviewWindow(window, centre + width / 10);
    case "+":
    case "=":
      return around(width / 1.5);
    case "-":
      return around(width * 1.5);
    case "0":
      return WHOLE_WINDOW;
    default:
      return null;
  }
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
