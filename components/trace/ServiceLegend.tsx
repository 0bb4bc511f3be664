"use client";
// The services' colors, on one line above the timeline: those that fit, then "+N more", a button
// that shows the rest. The server renders them all on that one line (what does not fit is clipped);
// the count is measured once laid out and sits on the same line, so nothing below it moves.
import { memo, useLayoutEffect, useRef, useState } from "react";
import type { LegendEntry } from "@/lib/ui/computeTraceLegend";

/** Kept for "+N more" beside the services shown (text-xs: "+12 more" is ~50 px). */
const MORE_PX = 64;

type Fit = { clipped: number; widthPx: number | null };

export const ServiceLegend = memo(function ServiceLegend({ services, className = "" }: { services: LegendEntry[]; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [fit, setFit] = useState<Fit>({ clipped: 0, widthPx: null });
  const [open, setOpen] = useState(false);
  useLayoutEffect(() => {
    const outer = box.current,
      ul = list.current;
    if (!outer || !ul || open) return;
    // From the items' own widths (they never wrap inside), not from where they landed: the list is
    // narrowed to the ones shown, so where they land depends on the last measure.
    // The observer's first call, right after this measure, finds the same: no second render.
    const update = (next: Fit) => setFit((fit) => (fit.clipped === next.clipped && fit.widthPx === next.widthPx ? fit : next));
    const measure = () => {
      const gap = parseFloat(getComputedStyle(ul).columnGap) || 0;
      // Fractional widths: offsetWidth rounds each item, and a list narrowed to their rounded sum
      // could be a fraction of a pixel too narrow for its last item, which then wrapped onto the
      // hidden second line (a service vanished after the scripts ran, a gap where it was).
      const widths = [...ul.children].map((li) => li.getBoundingClientRect().width);
      const room = outer.clientWidth;
      const total = widths.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, widths.length - 1);
      if (total <= room) return update({ clipped: 0, widthPx: null });
      let used = 0,
        shown = 0;
      while (shown < widths.length && used + (shown > 0 ? gap : 0) + widths[shown]! <= room - MORE_PX) {
        used += (shown > 0 ? gap : 0) + widths[shown]!;
        shown++;
      }
      update({ clipped: widths.length - shown, widthPx: Math.ceil(used) + 1 });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(outer);
    return () => observer.disconnect();
  }, [services, open]);
  const clipped = open ? 0 : fit.clipped;
  return (
    <div ref={box} className={`flex min-w-0 items-start gap-2 text-xs ${className}`}>
      <ul
        ref={list}
        id="service-legend"
        aria-label="Services (legend)"
        className={`flex min-w-0 flex-wrap gap-x-3 gap-y-1 ${open ? "" : "h-4 overflow-hidden"}`}
        style={clipped > 0 && fit.widthPx !== null ? { width: fit.widthPx } : undefined}
      >
        {services.map((s) => (
          <li key={s.key} className="flex items-center gap-1 whitespace-nowrap" title={`${s.count} spans`}>
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
            <span className="text-zinc-500 dark:text-zinc-400">{s.project} /</span>
            <span>{s.service}</span>
            <span className="text-zinc-400 tabular-nums dark:text-zinc-500">{s.count}</span>
          </li>
        ))}
      </ul>
      {(clipped > 0 || open) && (
        <button
          type="button"
          aria-expanded={open}
          aria-controls="service-legend"
          onClick={() => setOpen(!open)}
          className="shrink-0 whitespace-nowrap text-sky-700 hover:underline dark:text-sky-400"
          title={open ? "Show the legend on one line" : "Show every service of this trace"}
        >
          {open ? "fewer" : `+${clipped} more`}
        </button>
      )}
    </div>
  );
});
