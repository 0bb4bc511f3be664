// The timeline's first header row: what the overview shows (the whole trace, its length, how to
// zoom, and a way back when zoomed) beside the overview itself, over the ruler's column. The
// zoom it shows and sets is in µs after the trace's start, as the view state keeps it.
import { useCallback, useMemo } from "react";
import type { CriticalPath, TimelineRows } from "@/lib/trace";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { overviewWindowToZoom, WHOLE_WINDOW, type OverviewWindow } from "@/lib/ui/overviewWindow";
import { TraceOverview, type OverviewMarker, type OverviewPalette } from "./TraceOverview";

/** CSS pixels of the overview's drawing. */
export const OVERVIEW_HEIGHT = 56;

export function TimelineOverviewBar({
  rows,
  wholeUs,
  zoomed,
  offsetUs,
  durationUs,
  palette,
  emphasis,
  path,
  markers,
  firstVisibleRow,
  endVisibleRow,
  widthPx,
  onZoomWindow,
  onResetZoom,
  onMarker,
}: {
  rows: TimelineRows;
  /** The whole trace's length. */
  wholeUs: number;
  zoomed: boolean;
  /** The timeline's axis: where it starts, µs after the trace's start, and how long it is. */
  offsetUs: number;
  durationUs: number;
  palette: OverviewPalette;
  emphasis: Uint8Array | null;
  path: CriticalPath | null;
  markers: readonly OverviewMarker[];
  firstVisibleRow: number;
  endVisibleRow: number;
  widthPx: number;
  onZoomWindow(zoom: [fromUs: number, toUs: number] | null): void;
  onResetZoom(): void;
  onMarker?(spanIndex: number): void;
}) {
  const overviewWindow = useMemo<OverviewWindow>(
    () =>
      wholeUs > 0 && zoomed ? { from: Math.max(0, offsetUs / wholeUs), to: Math.min(1, (offsetUs + durationUs) / wholeUs) } : WHOLE_WINDOW,
    [wholeUs, zoomed, offsetUs, durationUs],
  );
  const onOverviewWindow = useCallback(
    (w: OverviewWindow | null) => onZoomWindow(w ? overviewWindowToZoom(w, wholeUs) : null),
    [onZoomWindow, wholeUs],
  );
  return (
    <div
      className="timeline-grid shrink-0 border-b border-l-4 border-l-transparent border-zinc-200 bg-zinc-50 text-[11px] text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
      style={{ height: OVERVIEW_HEIGHT + 8, scrollbarGutter: "stable", overflowY: "hidden" }}
    >
      <div className="flex h-full min-w-0 flex-col justify-center gap-0.5 px-2">
        <span className="truncate font-medium" title={`Overview of the whole trace (${formatDurationUs(wholeUs)}): every span at its row`}>
          Overview: whole trace, {formatDurationUs(wholeUs)}
        </span>
        <span
          className="truncate text-zinc-500 dark:text-zinc-500"
          title="Thick lines are spans of at least 5% of the trace; spans in a collapsed row are drawn on it"
        >
          thick: spans ≥ 5% of it · drag to zoom
        </span>
        {zoomed && (
          <button
            type="button"
            onClick={onResetZoom}
            className="self-start rounded px-1 text-sky-700 hover:bg-sky-100 hover:underline dark:text-sky-400 dark:hover:bg-sky-900/40"
          >
            Show whole trace
          </button>
        )}
      </div>
      <div className="h-full py-1">
        <TraceOverview
          rows={rows}
          palette={palette}
          emphasis={emphasis}
          path={path}
          markers={markers}
          window={overviewWindow}
          firstVisibleRow={firstVisibleRow}
          endVisibleRow={endVisibleRow}
          widthPx={widthPx}
          heightPx={OVERVIEW_HEIGHT}
          onWindow={onOverviewWindow}
          onMarker={onMarker}
        />
      </div>
    </div>
  );
}
