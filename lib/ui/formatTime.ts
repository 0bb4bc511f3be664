// Timestamps are microseconds since the epoch (UTC). OSprofiler sends UTC without a zone and
// operators compare it with service logs, so UTC is always shown to the microsecond; local time
// is the friendlier second line.

/** "2024-05-01 10:11:12.123456 UTC" */
export function formatUtcTimestamp(us: number): string {
  if (!Number.isFinite(us)) return "–";
  const ms = Math.floor(us / 1000);
  const micros = String(Math.round(us - ms * 1000)).padStart(3, "0");
  const iso = new Date(ms).toISOString(); // 2024-05-01T10:11:12.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${micros} UTC`;
}

/** "2024-05-01 10:11:12 UTC": a row's time in a list, its zone said (operators read it against logs). */
export function formatUtcTimestampToSeconds(us: number): string {
  if (!Number.isFinite(us)) return "–";
  return `${formatUtcTimestamp(us).slice(0, 19)} UTC`;
}

/** "2024-05-01 10:11:12.123 UTC": the local time's form at UTC (LocalTime then shows none: it would read twice). */
export function formatUtcTimestampToMs(us: number): string {
  return formatTimestampAtOffset(us, 0);
}

/**
 * Local wall time with the zone's offset, e.g. "2024-05-01 12:11:12.123 GMT+2", in the browser's
 * zone. Without Intl: the first DateTimeFormat of a page sets up ICU's date formatting, a task
 * of its own soon after the first rows (32-86 ms in a blank page; docs/benchmarks.md §40). The
 * offset is the one in force at that instant (summer time included); it is written as en-CA's
 * DateTimeFormat wrote it for most zones ("GMT+5:30", "UTC"), never as a name ("EST"), which is
 * ambiguous anyway.
 */
export function formatLocalTimestamp(us: number): string {
  if (!Number.isFinite(us)) return "–";
  return formatTimestampAtOffset(us, -Math.round(new Date(us / 1000).getTimezoneOffset()));
}

/** The wall time `offsetMinutes` east of UTC, to the millisecond, with that offset. */
export function formatTimestampAtOffset(us: number, offsetMinutes: number): string {
  if (!Number.isFinite(us)) return "–";
  const iso = new Date(us / 1000 + offsetMinutes * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} ${describeOffset(offsetMinutes)}`;
}

function describeOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `GMT${minutes < 0 ? "-" : "+"}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

const UNITS: [limitSeconds: number, seconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 1, "second"],
  [3600, 60, "minute"],
  [86_400, 3600, "hour"],
  [30 * 86_400, 86_400, "day"],
  [365 * 86_400, 30 * 86_400, "month"],
  [Infinity, 365 * 86_400, "year"],
];

/** "5 minutes ago", "in 2 seconds" (clock skew between a service and this browser happens). */
export function formatRelativeTime(us: number, nowUs: number): string {
  const seconds = (us - nowUs) / 1_000_000;
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [limit, size, unit] of UNITS) {
    if (Math.abs(seconds) < limit) return rtf.format(Math.round(seconds / size), unit);
  }
  return "–";
}
