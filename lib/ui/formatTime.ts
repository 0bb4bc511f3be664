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

/**
 * What formatLocalTimestamp(us, "UTC") writes ("2024-05-01 10:11:12.123 UTC"), without Intl: the
 * first DateTimeFormat of a page costs milliseconds of ICU set-up, which a first render should not pay.
 */
export function formatUtcTimestampToMs(us: number): string {
  if (!Number.isFinite(us)) return "–";
  const iso = new Date(us / 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

/** Local wall time with the zone's short name, e.g. "2024-05-01 12:11:12.123 CEST". */
export function formatLocalTimestamp(us: number, timeZone?: string): string {
  if (!Number.isFinite(us)) return "–";
  const parts = timestampFormat(timeZone).formatToParts(new Date(us / 1000));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}.${get("fractionalSecond")} ${get("timeZoneName")}`;
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

// Creating a DateTimeFormat costs ~0.5 ms (locale and zone data): one per zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();

function timestampFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hourCycle: "h23",
      timeZoneName: "short",
    });
    formats.set(key, format);
  }
  return format;
}
