// OSprofiler stamps each notification with datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%S.%f"):
// UTC, no zone, microseconds. We keep time as integer microseconds since the Unix epoch, which
// a JS number holds exactly until the year 2255, so no precision is lost to milliseconds.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** "YYYY-MM-DDTHH:MM:SS.ffffff": OSprofiler's own form, the one every notification carries. */
const FULL_LENGTH = 26;
const SECOND_LENGTH = 19;

/** Microseconds since the epoch, or null when the text is not an OSprofiler-style timestamp. */
export function parseTimestampUs(text: string): number | null {
  // Called for every notification, and a batch's stamps share few seconds: the second of the
  // previous full-form stamp is kept (the regex and the Date are most of the cost), so a stamp
  // of the same second only needs its six fraction digits read.
  if (text.length === FULL_LENGTH && lastSecondText !== "" && text.startsWith(lastSecondText)) {
    const fraction = readFraction(text);
    if (fraction >= 0) return lastSecondUs + fraction;
  }
  const us = parseWithPattern(text);
  if (us !== null && text.length === FULL_LENGTH && text.charCodeAt(SECOND_LENGTH) === 0x2e) {
    lastSecondText = text.slice(0, SECOND_LENGTH);
    lastSecondUs = us - readFraction(text);
  }
  return us;
}

let lastSecondText = "";
let lastSecondUs = 0;

/** The microseconds of a full-form stamp, or -1 when they are not ".dddddd". */
function readFraction(text: string): number {
  if (text.charCodeAt(SECOND_LENGTH) !== 0x2e) return -1;
  let fraction = 0;
  for (let i = SECOND_LENGTH + 1; i < FULL_LENGTH; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    fraction = fraction * 10 + digit;
  }
  return fraction;
}

function parseWithPattern(text: string): number | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = "", zone] = m;
  const month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  // Not Date.UTC: it reads years 0-99 as 1900-1999 (year 1 became 1901).
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const ms = date.getTime();
  // 2024-02-31 rolls over into March; a real date survives the round trip.
  if (date.getUTCDate() !== day) return null;
  let us = ms * 1000 + Number(frac.padEnd(6, "0"));
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const zoneHours = Number(digits.slice(0, 2)),
      zoneMinutes = Number(digits.slice(2));
    if (zoneHours > 23 || zoneMinutes > 59) return null;
    us -= sign * (zoneHours * 60 + zoneMinutes) * 60_000_000;
  }
  return us;
}

/**
 * The instants a notification may carry: from 2000-01-01 (OSprofiler is from 2014) to 2200-01-01
 * UTC, where microseconds still fit a double exactly (until 2255). Fixed, not relative to this
 * server's clock: a collector whose own clock is wrong must not throw good notifications away.
 * Outside it a timestamp is a broken host clock or a forgery, and one such notification would
 * stretch its trace over centuries, so it is quarantined with the reason.
 */
export const TIMESTAMP_WINDOW_US = { from: Date.UTC(2000, 0, 1) * 1000, to: Date.UTC(2200, 0, 1) * 1000 } as const;

export function isInTimestampWindow(us: number): boolean {
  return us >= TIMESTAMP_WINDOW_US.from && us < TIMESTAMP_WINDOW_US.to;
}

export function describeTimestampWindow(): string {
  return "the accepted range 2000-01-01T00:00:00 to 2200-01-01T00:00:00 UTC";
}

/** The exact text OSprofiler would have sent for this instant. */
export function formatTimestampUs(us: number): string {
  // Called for every stored notification (payloadRest.ts); a batch's stamps share few seconds,
  // so the "YYYY-MM-DDTHH:MM:SS" part is kept from the previous call (Date + toISOString is most of the cost).
  const second = Math.floor(us / 1_000_000);
  if (second !== lastSecond) {
    lastPrefix = new Date(second * 1000).toISOString().slice(0, 19);
    lastSecond = second;
  }
  return `${lastPrefix}.${String(us - second * 1_000_000).padStart(6, "0")}`;
}

let lastSecond = NaN;
let lastPrefix = "";
