"use client";
// The tick ruler above the bars. Drag across it to zoom the timeline to that window; the
// ticks come from d3 (lib/ui/layoutRulerTicks), one set per band of width, of which the CSS shows
// the one for the ruler's width (app/globals.css, .time-ruler): nothing here is measured.
import { memo, useState, type PointerEvent } from "react";
import type { RulerTickSet } from "@/lib/ui/layoutRulerTicks";

export type TimeRulerProps = {
  sets: RulerTickSet[];
  /** Called with fractions of the current window (0..1, from < to). */
  onZoom(fromFraction: number, toFraction: number): void;
  /** Said to screen readers; "Reset zoom" is beside the ruler (Timeline), where it covers no tick label. */
  zoomed: boolean;
};

export const TimeRuler = memo(function TimeRuler({ sets, onZoom, zoomed }: TimeRulerProps) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const fractionAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return box.width > 0 ? Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) : 0;
  };
  return (
    <div
      className="time-ruler relative h-full cursor-col-resize touch-none select-none"
      title="Drag to zoom into a time window"
      data-testid="time-ruler"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const f = fractionAt(e);
        setDrag({ from: f, to: f });
      }}
      onPointerMove={(e) => drag && setDrag({ ...drag, to: fractionAt(e) })}
      onPointerUp={(e) => {
        if (!drag) return;
        const to = fractionAt(e);
        const [a, b] = drag.from < to ? [drag.from, to] : [to, drag.from];
        setDrag(null);
        if ((b - a) * e.currentTarget.getBoundingClientRect().width >= 5) onZoom(a, b);
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <span className="sr-only">Time axis{zoomed ? " (zoomed)" : ""}</span>
      {sets.map((set) => (
        <div key={set.bands[0]} aria-hidden className={`ruler-ticks absolute inset-0 ${set.bands.map((b) => `ruler-band-${b}`).join(" ")}`}>
          {set.ticks.map((t) => (
            <div
              key={t.fraction}
              className="absolute bottom-0 top-3 border-l border-zinc-300 dark:border-zinc-700"
              style={{ left: `${t.fraction * 100}%` }}
            >
              {t.showLabel && (
                <span className={`absolute bottom-0.5 whitespace-nowrap px-1 tabular-nums ${t.align === "end" ? "right-0" : "left-0"}`}>
                  {t.label}
                </span>
              )}
            </div>
          ))}
        </div>
      ))}
      {drag && (
        <div
          className="absolute bottom-0 top-0 bg-sky-500/25"
          style={{ left: `${Math.min(drag.from, drag.to) * 100}%`, width: `${Math.abs(drag.to - drag.from) * 100}%` }}
        />
      )}
    </div>
  );
});
