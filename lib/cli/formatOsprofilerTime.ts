/** Microseconds since the epoch -> "2024-05-01T10:11:12.123456", OSprofiler's own timestamp form (UTC, no zone). */
export function formatOsprofilerTime(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(us - ms * 1000).padStart(3, "0")}`;
}
