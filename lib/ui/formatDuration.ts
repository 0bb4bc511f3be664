// Durations arrive as exact microseconds; people read them in the largest unit that keeps the
// figure short ("840 µs", "12.4 ms", "3.21 s", "2 min 05 s").
import { format } from "d3";

const threeDigits = format(".3~r");

export function formatDurationUs(us: number): string {
  if (!Number.isFinite(us)) return "–";
  const sign = us < 0 ? "-" : "";
  const a = Math.abs(us);
  // A figure that rounds up to the next unit is written in it: "1 ms", not "1000 µs".
  if (Math.round(a) < 1000) return `${sign}${Math.round(a)} µs`;
  const ms = threeDigits(a / 1000);
  if (Number(ms) < 1000) return `${sign}${ms} ms`;
  const s = threeDigits(a / 1_000_000);
  if (Number(s) < 60) return `${sign}${s} s`;
  const totalSeconds = Math.round(a / 1_000_000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${sign}${minutes} min ${String(totalSeconds % 60).padStart(2, "0")} s`;
  return `${sign}${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
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
