// Durations arrive as exact microseconds; people read them in the largest unit that keeps the
// figure short ("840 µs", "12.4 ms", "3.21 s", "2 min 05 s").
import { format, precisionFixed } from "d3";

const threeDigits = format(".3~r");

/**
 * `space` goes between a figure and its unit: a no-break space by default, so that a page never
 * wraps "618" and "ms" onto two lines (a sentence, a table cell, a narrow header); terminals and
 * text files (the CLI) pass a plain one.
 */
export function formatDurationUs(us: number, space = "\u00a0"): string {
  if (!Number.isFinite(us)) return "–";
  const sign = us < 0 ? "-" : "";
  const a = Math.abs(us);
  // A figure that rounds up to the next unit is written in it: "1 ms", not "1000 µs".
  if (Math.round(a) < 1000) return `${sign}${Math.round(a)}${space}µs`;
  const ms = threeDigits(a / 1000);
  if (Number(ms) < 1000) return `${sign}${ms}${space}ms`;
  const s = threeDigits(a / 1_000_000);
  if (Number(s) < 60) return `${sign}${s}${space}s`;
  const totalSeconds = Math.round(a / 1_000_000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${sign}${minutes}${space}min ${String(totalSeconds % 60).padStart(2, "0")}${space}s`;
  return `${sign}${Math.floor(minutes / 60)}${space}h ${String(minutes % 60).padStart(2, "0")}${space}min`;
}

export type DurationUnit = { suffix: string; us: number };
const AXIS_UNITS: DurationUnit[] = [
  { suffix: "µs", us: 1 },
  { suffix: "ms", us: 1000 },
  { suffix: "s", us: 1_000_000 },
];

/** An axis' unit: the one in which `us` (its largest value or its span) reads as 1 to 999 (seconds beyond that). */
export function pickDurationUnit(us: number): DurationUnit {
  let unit = AXIS_UNITS[0]!;
  for (const u of AXIS_UNITS) if (Math.abs(us) >= u.us) unit = u;
  return unit;
}

/**
 * An axis' tick labels (d3's nice ticks, in µs): all in one unit, that of `scaleUs` (by default
 * the largest value), with the decimals the step between ticks needs, and zero as "0" ("0, 5 ms,
 * 10 ms", never "0 µs, 5 ms, 10 ms" or "500 µs, 1 ms, 1.5 ms").
 */
export function formatDurationTicks(valuesUs: readonly number[], scaleUs = Math.max(0, ...valuesUs.map(Math.abs))): string[] {
  const unit = pickDurationUnit(scaleUs);
  const step = valuesUs.length > 1 ? Math.abs(valuesUs[1]! - valuesUs[0]!) / unit.us : scaleUs / unit.us;
  const number = format(`,.${step > 0 ? precisionFixed(step) : 0}f`);
  return valuesUs.map((us) => (us === 0 ? "0" : `${number(us / unit.us)} ${unit.suffix}`));
}

const msFormat = format(",.3f");

/** The timeline's duration column: always milliseconds, to the microsecond, like OSprofiler's report but exact. */
export function formatMs(us: number): string {
  return Number.isFinite(us) ? msFormat(us / 1000) : "–";
}

const percent = format(".1%");

/** A share (0..1) as "12.3%", with "<0.1%" for the tiny non-zero ones so they do not read as nothing. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return "–";
  if (share > 0 && share < 0.0005) return "<0.1%";
  return percent(share);
}
