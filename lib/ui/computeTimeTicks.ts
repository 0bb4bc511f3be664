// The tick ruler above the timeline: d3's "nice" ticks over the trace's duration, labelled in
// one unit chosen for the whole axis (so "0 ms, 20 ms, 40 ms", never "0, 20 ms, 0.04 s").
import { format, precisionFixed, scaleLinear } from "d3";

export type TimeTick = {
  /** Position as a fraction of the axis width. */
  fraction: number;
  label: string;
};

type Unit = { suffix: string; us: number };
const UNITS: Unit[] = [
  { suffix: "µs", us: 1 },
  { suffix: "ms", us: 1000 },
  { suffix: "s", us: 1_000_000 },
];

/**
 * Roughly `count` ticks over [fromUs, fromUs + durationUs] (offsets from the trace's start; a
 * zoomed window starts later), as fractions of that window.
 */
export function computeTimeTicks(durationUs: number, count = 8, fromUs = 0): TimeTick[] {
  if (!(durationUs > 0)) return [{ fraction: 0, label: fromUs === 0 ? "0" : formatOffset(fromUs) }];
  const unit = pickTimeUnit(durationUs);
  const scale = scaleLinear()
    .domain([fromUs / unit.us, (fromUs + durationUs) / unit.us])
    .range([0, 1]);
  const values = scale.ticks(count);
  const step = values.length > 1 ? values[1]! - values[0]! : durationUs / unit.us;
  const label = format(`,.${precisionFixed(step)}f`);
  return values.map((value) => ({ fraction: scale(value), label: value === 0 ? "0" : `${label(value)} ${unit.suffix}` }));
}

function formatOffset(us: number): string {
  const unit = pickTimeUnit(us);
  return `${format(",.3~f")(us / unit.us)} ${unit.suffix}`;
}

/** The unit in which the axis' largest value reads as 1 to 999 (seconds beyond that). */
export function pickTimeUnit(durationUs: number): Unit {
  let unit = UNITS[0]!;
  for (const u of UNITS) if (durationUs >= u.us) unit = u;
  return unit;
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
