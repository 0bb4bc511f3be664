// Geometry of the statement page's chart (React draws it): p50 and p95 of a statement's call
// time per time bucket, on d3 time and linear scales with nice ticks, as two line paths.
import { line, max, scaleLinear, scaleUtc, utcFormat } from "d3";
import { formatDurationTicks, formatDurationUs } from "./formatDuration";

type Point = { startUs: number; endUs: number; p50Us: number; p95Us: number; traces: number };

export type StatementChartLayout = {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  p50Path: string;
  p95Path: string;
  /** One dot per bucket, at its middle. */
  dots: { x: number; y50: number; y95: number; title: string }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
};

/** timeTicks: about how many time labels (d3's tick count): 5 by default, fewer on a phone's narrow layout. */
export function layoutStatementChart(
  points: readonly Point[],
  options: { width: number; height: number; timeTicks?: number },
): StatementChartLayout {
  const { width, height } = options;
  // Room on the right for the last time label, centred on its tick.
  const margin = { left: 64, right: 32, top: 8, bottom: 24 };
  const first = points[0]?.startUs ?? 0;
  const last = points[points.length - 1]?.endUs ?? 1;
  const x = scaleUtc()
    .domain([new Date(first / 1000), new Date(last / 1000)])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(points, (p) => p.p95Us) ?? 1)])
    .range([height - margin.bottom, margin.top])
    .nice(4);
  const mid = (p: Point) => x(new Date((p.startUs + p.endUs) / 2000));
  const path = (value: (p: Point) => number) =>
    line<Point>()
      .x(mid)
      .y((p) => y(value(p)))(points) ?? "";
  const times = x.ticks(options.timeTicks ?? 5);
  const durations = y.ticks(4);
  const timeLabels = formatTimeTicks(times);
  const durationLabels = formatDurationTicks(durations);
  return {
    width,
    height,
    margin,
    p50Path: path((p) => p.p50Us),
    p95Path: path((p) => p.p95Us),
    dots: points.map((p) => ({
      x: mid(p),
      y50: y(p.p50Us),
      y95: y(p.p95Us),
      title: `${p.traces} trace${p.traces === 1 ? "" : "s"}: p50 ${formatDurationUs(p.p50Us)}, p95 ${formatDurationUs(p.p95Us)}`,
    })),
    xTicks: times.map((t, k) => ({ x: x(t), label: timeLabels[k]! })),
    yTicks: durations.map((v, k) => ({ y: y(v), label: durationLabels[k]! })),
  };
}

/**
 * UTC times of day in one form for the whole axis, as precise as the step between ticks needs:
 * "10:00:00.200" (under a second apart: a burst of requests), "10:00:14" (seconds apart), "10:05"
 * (minutes or hours), the day before it when the axis crosses midnight ("05-01 23:59:30"),
 * "2024-05-01" (days apart). d3's own multi-scale format wrote a lone ":14" between "10:00" and ":28".
 */
function formatTimeTicks(ticks: readonly Date[]): string[] {
  const stepMs = ticks.length > 1 ? ticks[1]!.getTime() - ticks[0]!.getTime() : 0;
  const sameDay = ticks.every((t) => t.toISOString().slice(0, 10) === ticks[0]!.toISOString().slice(0, 10));
  const time = stepMs % 1000 !== 0 ? "%H:%M:%S.%L" : stepMs % 60_000 !== 0 ? "%H:%M:%S" : "%H:%M";
  const form = stepMs >= 86_400_000 ? "%Y-%m-%d" : sameDay ? time : `%m-%d ${time}`;
  return ticks.map(utcFormat(form));
}
