// The tick ruler above the timeline: d3's "nice" ticks over the trace's duration, labelled in
// one unit chosen for the whole axis (so "0 ms, 20 ms, 40 ms", never "0, 20 ms, 0.04 s").
import { scaleLinear } from "d3";
import { formatDurationTicks, formatDurationUs } from "./formatDuration";

export type TimeTick = {
  /** Position as a fraction of the axis width. */
  fraction: number;
  label: string;
};

/**
 * Roughly `count` ticks over [fromUs, fromUs + durationUs] (offsets from the trace's start; a
 * zoomed window starts later), as fractions of that window, labelled in the window's unit.
 */
export function computeTimeTicks(durationUs: number, count = 8, fromUs = 0): TimeTick[] {
  if (!(durationUs > 0)) return [{ fraction: 0, label: fromUs === 0 ? "0" : formatDurationUs(fromUs) }];
  const scale = scaleLinear()
    .domain([fromUs, fromUs + durationUs])
    .range([0, 1]);
  const values = scale.ticks(count);
  const labels = formatDurationTicks(values.length > 1 ? values : [...values, fromUs + durationUs], durationUs);
  return values.map((value, k) => ({ fraction: scale(value), label: labels[k]! }));
}

export type PlacedTick = TimeTick & { align: "start" | "end"; showLabel: boolean };

/**
 * Ticks for a ruler `widthPx` wide: about one per 90 px, labels left of their line except at
 * the right edge, and a label dropped where it would run into the previous one.
 */
export function placeTimeTicks(durationUs: number, widthPx: number, fromUs = 0, charPx = 6.5): PlacedTick[] {
  const ticks = computeTimeTicks(durationUs, Math.max(2, Math.floor(widthPx / 90)), fromUs);
  let previousEnd = -Infinity;
  return ticks.map((tick) => {
    const x = tick.fraction * widthPx;
    const labelPx = tick.label.length * charPx + 8;
    const align = x + labelPx > widthPx ? "end" : "start";
    const start = align === "start" ? x : x - labelPx;
    const showLabel = start >= previousEnd + 4;
    if (showLabel) previousEnd = start + labelPx;
    return { ...tick, align, showLabel };
  });
}
