"use client";
// The overview (minimap) above the ruler: every span of the view on the whole trace's time axis
// (lib/ui/rasterizeOverview paints the pixels; this puts them on a canvas), with the timeline's
// zoom as a window. Drag inside the window to pan, drag an edge to resize it, drag elsewhere to
// select a new one, click elsewhere to move it there, double-click to show the whole trace;
// focused, the arrow keys pan and +/- zoom. The canvas is repainted only when the rows, the
// size, the colors or the emphasis change; scrolling and zooming move DOM boxes over it.
import { color as parseColor } from "d3";
import { memo, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type PointerEvent } from "react";
import type { CriticalPath, TimelineRows } from "@/lib/trace";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import {
  centreOverviewWindow,
  dragOverviewWindow,
  hitOverviewWindow,
  stepOverviewWindow,
  type OverviewDrag,
  type OverviewDragMode,
  type OverviewWindow,
} from "@/lib/ui/overviewWindow";
import {
  computeOverviewCoverage,
  computeOverviewRowGeometry,
  findOverviewRow,
  MAX_OVERVIEW_COLORS,
  paintOverviewPixels,
} from "@/lib/ui/rasterizeOverview";
import { scheduleAfterPaint } from "./scheduleAfterPaint";

/** A labelled point of the trace on the overview (e.g. "API answered", "last span started"), at its span's start. */
export type OverviewMarker = { spanIndex: number; label: string };

export type OverviewPalette = {
  /** By span position: index into `colors` (the legend's serviceOf). */
  slotOf: Uint16Array;
  colors: readonly string[];
};

export type TraceOverviewProps = {
  rows: TimelineRows;
  palette: OverviewPalette;
  /** By span position: 1 = draw strongly, the others faint; null draws every span alike. */
  emphasis: Uint8Array | null;
  /** The path of the rows' folds (a closed fold is drawn where the path runs through it); null without folds. */
  path?: CriticalPath | null;
  markers: readonly OverviewMarker[];
  /** The timeline's zoom as fractions of the whole trace. */
  window: OverviewWindow;
  /** Rows on screen in the timeline (first, end exclusive), shown as a band. */
  firstVisibleRow: number;
  endVisibleRow: number;
  widthPx: number;
  heightPx: number;
  /** A new window, or null for the whole trace. Called as the window moves (once per frame at most). */
  onWindow(window: OverviewWindow | null): void;
  onMarker?(spanIndex: number): void;
};

/** Pixels within which a press takes a window edge. */
const EDGE_PX = 6;
/** Below this movement a press is a click. */
const CLICK_PX = 3;

const FAINT_LIGHT = [161, 161, 170]; // zinc-400
const FAINT_DARK = [113, 113, 122]; // zinc-500

/** Drawings kept for going back (a filter, a collapse undone); each is width x height x 4 bytes. */
const KEPT_DRAWINGS = 3;
/**
 * From this many spans in the trace, the overview is drawn after the frame that shows the new rows:
 * at 10k spans the pass and the canvas' upload were 2-9 ms of a collapse's or a filter's task
 * (profiled, docs/benchmarks.md §27), time the rows wait for; an everyday trace's is drawn with them.
 * The trace's size, not the view's: hiding the DB spans of a 10k trace leaves a view of 4k whose
 * drawing was still the largest part of the click's task (§29).
 */
const DEFERRED_OVERVIEW_SPANS = 5_000;

export const TraceOverview = memo(function TraceOverview(props: TraceOverviewProps) {
  const { rows, palette, emphasis, markers, window, widthPx, heightPx, onWindow } = props;
  const path = props.path ?? null;
  const width = Math.max(0, Math.floor(widthPx)),
    height = Math.max(0, Math.floor(heightPx));
  const trace = rows.view.trace;
  const durationUs = trace.finishedUs - trace.startedUs;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dark = usePrefersDark();

  const colorCount = Math.min(MAX_OVERVIEW_COLORS, Math.max(1, palette.colors.length));
  // Rasterized when the canvas is there, not while rendering: the server's HTML has no pixels to
  // show, and the hydration render (with a guessed width) did the work for nothing. The pixels
  // come from the rows and the view's tree alone (one pass over every span: tens of ms at 1M),
  // not from the search marks, so a keystroke (new rows object, same arrays) draws nothing, and
  // the last few drawings are kept: a filter or a collapse undone shows its pixels again at once.
  // On a big view the pass waits until the frame that shows the interaction's rows is painted.
  const { rows: rowArray } = rows,
    viewOrder = rows.view.order;
  const drawings = useRef<{ trace: typeof trace; inputs: readonly unknown[]; pixels: Uint8ClampedArray<ArrayBuffer> }[]>([]);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context || width === 0 || height === 0) return;
    const inputs = [rowArray, viewOrder, width, height, palette.slotOf, palette.colors, colorCount, emphasis, dark, path];
    // Only this version of the trace's: a big trace's earlier versions (its chunks as they came) are let go.
    drawings.current = drawings.current.filter((d) => d.trace === trace);
    const show = (pixels: Uint8ClampedArray<ArrayBuffer>) => context.putImageData(new ImageData(pixels, width, height), 0, 0);
    const kept = drawings.current.find((d) => d.inputs.every((x, k) => Object.is(x, inputs[k])));
    if (kept) return show(kept.pixels);
    const draw = () => {
      const coverage = computeOverviewCoverage({ rows, width, height, colorOf: palette.slotOf, colorCount, emphasis, path });
      const pixels = paintOverviewPixels(coverage, buildRgb(palette.colors, colorCount, dark ? FAINT_DARK : FAINT_LIGHT));
      drawings.current = [{ trace, inputs, pixels: pixels as Uint8ClampedArray<ArrayBuffer> }, ...drawings.current].slice(0, KEPT_DRAWINGS);
      show(pixels as Uint8ClampedArray<ArrayBuffer>);
    };
    if (trace.size < DEFERRED_OVERVIEW_SPANS) return draw();
    // After the frame, and after whatever input is waiting (a keystroke, a click): idle time, within half a second.
    return scheduleAfterPaint(draw, 500);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rows: drawn again when its arrays change (above)
  }, [trace, rowArray, viewOrder, width, height, palette.slotOf, palette.colors, colorCount, emphasis, dark, path]);

  // While dragging, the window follows the pointer here at once; the zoom follows once per frame.
  const [drag, setDrag] = useState<(OverviewDrag & { startX: number; current: OverviewWindow }) | null>(null);
  const [hover, setHover] = useState<OverviewDragMode>("select");
  const pending = useRef<{ window: OverviewWindow | null } | null>(null);
  const frame = useRef(0);
  const send = (next: OverviewWindow | null) => {
    pending.current = { window: next };
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const p = pending.current;
      pending.current = null;
      if (p) onWindow(p.window);
    });
  };
  const flush = (next: OverviewWindow | null) => {
    if (frame.current) cancelAnimationFrame(frame.current);
    frame.current = 0;
    pending.current = null;
    onWindow(next);
  };
  useLayoutEffect(() => () => cancelAnimationFrame(frame.current), []);

  const shown = drag?.current ?? window;
  const zoomed = !isWhole(shown);
  const minWidth = Math.min(1, Math.max(width > 0 ? 4 / width : 0.01, durationUs > 0 ? 1 / durationUs : 0));
  const fractionAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return box.width > 0 ? (event.clientX - box.left) / box.width : 0;
  };
  const edge = width > 0 ? EDGE_PX / width : 0.01;

  const geometry = computeOverviewRowGeometry(rows.count, height);
  const bandTop = Math.min(height, props.firstVisibleRow * geometry.pitch);
  const bandHeight = Math.max(3, Math.min(height, props.endVisibleRow * geometry.pitch) - bandTop);

  const placedMarkers = useMemo(
    () =>
      markers.flatMap((m) => {
        if (!(m.spanIndex >= 0 && m.spanIndex < trace.size)) return [];
        const place = (us: number) => Math.min(1, Math.max(0, durationUs > 0 ? (us - trace.startedUs) / durationUs : 0));
        return [
          {
            ...m,
            x: place(trace.displayStartUs[m.spanIndex]!),
            x2: place(trace.displayStopUs[m.spanIndex]!),
            row: findOverviewRow(rows, m.spanIndex),
          },
        ];
      }),
    [markers, rows, trace, durationUs],
  );

  const describe = (w: OverviewWindow) =>
    isWhole(w)
      ? `the whole trace (${formatDurationUs(durationUs)})`
      : `${formatDurationUs(w.from * durationUs)} to ${formatDurationUs(w.to * durationUs)} of ${formatDurationUs(durationUs)}`;

  return (
    <div className="relative h-full w-full select-none" data-testid="trace-overview">
      <canvas
        ref={canvasRef}
        width={width}
        height={height}
        aria-hidden
        className="absolute inset-0 h-full w-full"
        style={{ imageRendering: "pixelated" }}
        data-testid="overview-canvas"
      />
      {/* The rows on screen, as a scroll thumb on the right edge. */}
      <div
        aria-hidden
        className="pointer-events-none absolute right-0 w-1 rounded-sm bg-sky-600/60 dark:bg-sky-400/60"
        style={{ top: bandTop, height: bandHeight }}
        data-testid="overview-rows-in-view"
      />
      {zoomed && (
        <>
          <div
            aria-hidden
            className="pointer-events-none absolute inset-y-0 left-0 bg-zinc-500/20 dark:bg-black/40"
            style={{ width: `${shown.from * 100}%` }}
          />
          <div
            aria-hidden
            className="pointer-events-none absolute inset-y-0 right-0 bg-zinc-500/20 dark:bg-black/40"
            style={{ width: `${(1 - shown.to) * 100}%` }}
          />
        </>
      )}
      <div
        role="slider"
        tabIndex={0}
        aria-label="Zoom window on the whole trace"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(((shown.from + shown.to) / 2) * 100)}
        aria-valuetext={`showing ${describe(shown)}`}
        aria-keyshortcuts="ArrowLeft ArrowRight + - 0"
        title="Drag to select a time window; drag the window to pan, its edges to resize; double-click for the whole trace"
        data-testid="overview-window-area"
        className={`absolute inset-0 touch-none outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500 ${CURSORS[drag?.mode ?? hover]}`}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const f = fractionAt(e);
          setDrag({ mode: hitOverviewWindow(window, f, edge), origin: f, window, startX: e.clientX, current: window });
        }}
        onPointerMove={(e) => {
          const f = fractionAt(e);
          if (!drag) {
            const mode = hitOverviewWindow(window, f, edge);
            if (mode !== hover) setHover(mode);
            return;
          }
          if (drag.mode === "select" && Math.abs(e.clientX - drag.startX) < CLICK_PX) return;
          const next = dragOverviewWindow(drag, f, minWidth);
          setDrag({ ...drag, current: next });
          send(next);
        }}
        onPointerUp={(e) => {
          if (!drag) return;
          setDrag(null);
          const moved = Math.abs(e.clientX - drag.startX) >= CLICK_PX;
          if (moved) flush(dragOverviewWindow(drag, fractionAt(e), minWidth));
          else if (drag.mode === "select" && zoomed) flush(centreOverviewWindow(window, fractionAt(e)));
        }}
        onPointerCancel={() => {
          if (!drag) return;
          setDrag(null);
          flush(isWhole(drag.window) ? null : drag.window); // back to where the drag began
        }}
        onDoubleClick={() => flush(null)}
        onKeyDown={(e) => {
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          const next = stepOverviewWindow(window, e.key, minWidth);
          if (!next) return;
          e.preventDefault();
          flush(isWhole(next) ? null : next);
        }}
      >
        {zoomed && (
          <div
            aria-hidden
            className="pointer-events-none absolute inset-y-0 rounded-sm border-2 border-sky-600 dark:border-sky-400"
            style={{ left: `${shown.from * 100}%`, width: `max(4px, ${(shown.to - shown.from) * 100}%)` }}
            data-testid="overview-window"
          />
        )}
      </div>
      {placedMarkers.map((m, k) => {
        // A bracket over the span's extent (a 10 s spawn reads as 10 s, not as the instant it
        // began), labels staggered so markers that start together stay readable. Only the
        // bracket's label strip takes clicks: the rest of the overview stays free to drag.
        const top = (k % 3) * 11;
        const extent = { left: `${m.x * 100}%`, width: `${(m.x2 - m.x) * 100}%`, minWidth: "0.5rem" };
        return (
          <div key={`${m.spanIndex}:${m.label}`} className="pointer-events-none absolute inset-y-0" style={extent}>
            <span aria-hidden className="absolute inset-y-0 left-0 w-px bg-amber-600 dark:bg-amber-400" />
            {m.row >= 0 && (
              <span
                aria-hidden
                className="absolute left-0 h-1.5 w-1.5 -translate-x-1/2 rotate-45 bg-amber-600 dark:bg-amber-400"
                style={{ top: Math.max(0, Math.min(height - 6, m.row * geometry.pitch + geometry.pitch / 2 - 3)) }}
              />
            )}
            <button
              type="button"
              title={m.label}
              aria-label={`${m.label} (show the span)`}
              className="group pointer-events-auto absolute inset-x-0 h-[11px] cursor-pointer"
              style={{ top }}
              onPointerDown={(e) => e.stopPropagation()}
              onDoubleClick={(e) => e.stopPropagation()}
              onClick={() => props.onMarker?.(m.spanIndex)}
              data-testid="overview-marker"
            >
              <span aria-hidden className="absolute inset-x-0 top-0 h-0.5 bg-amber-600/70 group-hover:bg-amber-600 dark:bg-amber-400/70" />
              <span
                aria-hidden
                className={`absolute top-0.5 whitespace-nowrap rounded-sm bg-white/85 px-0.5 text-[10px] leading-tight text-amber-800 dark:bg-zinc-900/85 dark:text-amber-300 ${m.x > 0.75 ? "right-0" : "left-0.5"}`}
              >
                {clipLabel(m.label)}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
});

/** Marker labels are short notes; the whole text is in the title. */
function clipLabel(label: string): string {
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

function isWhole(w: OverviewWindow): boolean {
  return w.from <= 0 && w.to >= 1;
}

const CURSORS: Record<OverviewDragMode, string> = {
  pan: "cursor-grab",
  start: "cursor-ew-resize",
  end: "cursor-ew-resize",
  select: "cursor-crosshair",
};

/** 3 bytes per color slot, then the faint color; a color d3 cannot read is drawn grey. */
function buildRgb(colors: readonly string[], count: number, faint: number[]): Uint8Array {
  const rgb = new Uint8Array((count + 1) * 3);
  for (let k = 0; k < count; k++) {
    const c = parseColor(colors[k] ?? "")?.rgb();
    rgb.set(c ? [c.r, c.g, c.b] : [128, 128, 128], k * 3);
  }
  rgb.set(faint, count * 3);
  return rgb;
}

function subscribeDark(onChange: () => void): () => void {
  if (typeof window === "undefined" || !window.matchMedia) return () => {};
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function usePrefersDark(): boolean {
  return useSyncExternalStore(
    subscribeDark,
    () => typeof window !== "undefined" && !!window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches,
    () => false,
  );
}
