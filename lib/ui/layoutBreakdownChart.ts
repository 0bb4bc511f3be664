// Geometry of a breakdown bar chart (React draws it): one band per row, a bar for total time
// with the self time inside it, on a shared d3 linear scale with nice ticks.
import { max, scaleBand, scaleLinear } from "d3";
import { formatDurationTicks } from "./formatDuration";

export type BreakdownChartInput = { key: string; label: string; totalUs: number; selfUs: number };

type BreakdownChartBar = {
  key: string;
  label: string;
  /** Top of the band and the bar height, in px. */
  y: number;
  height: number;
  /** Widths in px from the plot's left edge. */
  totalWidth: number;
  selfWidth: number;
};

export type BreakdownChartLayout = {
  width: number;
  height: number;
  /** Where the plot starts (after the labels), px. */
  plotLeft: number;
  plotWidth: number;
  bars: BreakdownChartBar[];
  ticks: { x: number; label: string }[];
};

export function layoutBreakdownChart(
  rows: readonly BreakdownChartInput[],
  options: { width: number; bandHeight?: number; labelWidth?: number; axisHeight?: number; tickCount?: number },
): BreakdownChartLayout {
  const { width, bandHeight = 22, labelWidth = 160, axisHeight = 20, tickCount = 5 } = options;
  const plotWidth = Math.max(0, width - labelWidth - 8);
  const height = rows.length * bandHeight + axisHeight;
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.key))
    .range([0, rows.length * bandHeight])
    .padding(0.2);
  const largest = max(rows, (r) => Math.max(r.totalUs, r.selfUs)) ?? 0;
  const x = scaleLinear()
    .domain([0, largest > 0 ? largest : 1])
    .range([0, plotWidth])
    .nice(tickCount);
  const values = x.ticks(tickCount);
  const labels = formatDurationTicks(values);
  return {
    width,
    height,
    plotLeft: labelWidth,
    plotWidth,
    bars: rows.map((r) => ({
      key: r.key,
      label: r.label,
      y: y(r.key) ?? 0,
      height: y.bandwidth(),
      totalWidth: x(Math.max(0, r.totalUs)),
      selfWidth: x(Math.max(0, Math.min(r.selfUs, r.totalUs > 0 ? r.totalUs : r.selfUs))),
    })),
    ticks: values.map((value, k) => ({ x: x(value), label: labels[k]! })),
  };
}
