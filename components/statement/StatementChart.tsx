// p50 and p95 of a statement's call time over time: d3 lays it out (lib/ui/layoutStatementChart.ts), React draws the SVG.
import type { StatementUsage } from "@/lib/trace/summarizeStatementUsage";
import { layoutStatementChart } from "@/lib/ui/layoutStatementChart";

type Series = StatementUsage["series"];

/**
 * The chart laid out twice, one shown by the screen's width: the SVG scales to its box, so the
 * 900-wide layout on a phone wrote its labels 4 px high. Below 640 px (Tailwind's sm) a layout
 * about as wide as the screen keeps them at their 11 px, about
 * three time labels instead of five to eleven.
 */
export function StatementChart({ series }: { series: Series }) {
  return (
    <>
      <ChartSvg series={series} width={360} height={200} timeTicks={2} className="sm:hidden" />
      <ChartSvg series={series} width={900} height={220} timeTicks={5} className="hidden sm:block" />
    </>
  );
}

type SvgProps = { series: Series; width: number; height: number; timeTicks: number; className: string };

function ChartSvg({ series, width, height, timeTicks, className }: SvgProps) {
  const layout = layoutStatementChart(series, { width, height, timeTicks });
  const bottom = layout.height - layout.margin.bottom;
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      className={`w-full max-w-[60rem] text-zinc-500 ${className}`}
      role="img"
      aria-label="p50 and p95 of the statement's call time over time"
      data-testid="statement-chart"
    >
      {layout.yTicks.map((t) => (
        <g key={t.label}>
          <line
            x1={layout.margin.left}
            x2={layout.width - layout.margin.right}
            y1={t.y}
            y2={t.y}
            className="stroke-zinc-200 dark:stroke-zinc-800"
          />
          <text x={layout.margin.left - 6} y={t.y} dy="0.32em" textAnchor="end" className="fill-current text-[11px]">
            {t.label}
          </text>
        </g>
      ))}
      {layout.xTicks.map((t) => (
        <text key={`${t.x}`} x={t.x} y={bottom + 16} textAnchor="middle" className="fill-current text-[11px]">
          {t.label}
        </text>
      ))}
      <path d={layout.p95Path} fill="none" className="stroke-violet-300" strokeWidth={2} />
      <path d={layout.p50Path} fill="none" className="stroke-violet-700" strokeWidth={2} />
      {layout.dots.map((d) => (
        <g key={d.x}>
          <title>{d.title}</title>
          <circle cx={d.x} cy={d.y95} r={3} className="fill-violet-300" />
          <circle cx={d.x} cy={d.y50} r={3} className="fill-violet-700" />
        </g>
      ))}
    </svg>
  );
}
