// OSprofiler's "%Y-%m-%dT%H:%M:%S.%f" for millions of instants that share few seconds: the
// date-and-time part is remembered per second, only the microseconds are written each time.
// Same text as lib/notification's formatTimestampUs (the test holds them together).
const CACHE_LIMIT = 4096;
let seconds = new Map<number, string>();

export function formatTimestamp(us: number): string {
  const second = Math.floor(us / 1_000_000);
  let prefix = seconds.get(second);
  if (prefix === undefined) {
    prefix = new Date(second * 1000).toISOString().slice(0, 19);
    if (seconds.size >= CACHE_LIMIT) seconds = new Map();
    seconds.set(second, prefix);
  }
  return `${prefix}.${String(1_000_000 + (us - second * 1_000_000)).slice(1)}`;
}
