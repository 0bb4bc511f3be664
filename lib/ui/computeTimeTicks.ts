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

/** Roughly `count` ticks from 0 to `durationUs` (a zero-length trace gets one tick at 0). */
export function computeTimeTicks(durationUs: number, count = 8): TimeTick[] {
  if (!(durationUs > 0)) return [{ fraction: 0, label: "0" }];
  const unit = pickTimeUnit(durationUs);
  const scale = scaleLinear().domain([0, durationUs / unit.us]).range([0, 1]);
  const values = scale.ticks(count);
  const step = values.length > 1 ? values[1]! - values[0]! : durationUs / unit.us;
  const label = format(`.${precisionFixed(step)}f`);
  return values.map((value) => ({ fraction: scale(value), label: value === 0 ? "0" : `${label(value)} ${unit.suffix}` }));
}

/** The unit in which the axis' largest value reads as 1 to 999 (seconds beyond that). */
export function pickTimeUnit(durationUs: number): Unit {
  let unit = UNITS[0]!;
  for (const u of UNITS) if (durationUs >= u.us) unit = u;
  return unit;
}
