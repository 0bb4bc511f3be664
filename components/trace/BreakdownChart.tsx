"use client";
// Self time inside total time per group, as horizontal bars; d3 computes the geometry
// (lib/ui/layoutBreakdownChart), React draws the SVG.
import { useLayoutEffect, useRef, useState } from "react";
import { layoutBreakdownChart, type BreakdownChartInput } from "@/lib/ui/layoutBreakdownChart";

export function BreakdownChart({ rows, colorOf, title }: { rows: BreakdownChartInput[]; colorOf(key: string): string; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = layoutBreakdownChart(rows, { width: Math.max(240, width), labelWidth: Math.min(180, Math.max(100, width * 0.3)) });
  return (
    <div ref={ref} className="w-full min-w-0">
      <svg
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={title}
        className="overflow-visible text-zinc-700 dark:text-zinc-300"
      >
        <title>{title}</title>
        {layout.ticks.map((t) => (
          <g key={t.x} transform={`translate(${layout.plotLeft + t.x},0)`}>
            <line y1={0} y2={layout.height - 18} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text y={layout.height - 4} textAnchor="middle" className="fill-current text-[10px]">
              {t.label}
            </text>
          </g>
        ))}
        {layout.bars.map((b) => (
          <g key={b.key} transform={`translate(0,${b.y})`}>
            <text x={layout.plotLeft - 6} y={b.height / 2} dy="0.35em" textAnchor="end" className="fill-current text-[11px]">
              {truncate(b.label, Math.floor(layout.plotLeft / 6.5))}
            </text>
            <rect x={layout.plotLeft} width={Math.max(b.totalWidth, 1)} height={b.height} fill={colorOf(b.key)} opacity={0.3} rx={2} />
            <rect
              x={layout.plotLeft}
              width={Math.max(b.selfWidth, b.selfWidth > 0 ? 1 : 0)}
              height={b.height}
              fill={colorOf(b.key)}
              rx={2}
            />
          </g>
        ))}
      </svg>
      <p className="mt-1 text-[11px] text-zinc-500">
        <span className="mr-1 inline-block h-2 w-3 rounded-sm bg-zinc-500 align-middle" aria-hidden /> self time
        <span className="ml-3 mr-1 inline-block h-2 w-3 rounded-sm bg-zinc-500/30 align-middle" aria-hidden /> total time (children
        included)
      </p>
    </div>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}
