// Is a stored trace still receiving spans? The trace page follows a live trace (polls it with
// If-None-Match) and says so; the server decides from the trace's summary row alone, with its
// own clock, so the browser's clock never matters.
//
// The rule:
//   - a batch changed the trace within the last LIVE_QUIET_US (30 s), or within
//     LIVE_OPEN_QUIET_US (2 min) while some of its spans have no stop yet: an RPC cast's work
//     (a libvirt spawn, an image download) can run for minutes without a notification;
//   - and its latest timestamp is recent (LIVE_MAX_AGE_US, 10 min): an OSprofiler report of
//     last week imported a second ago, or a trace replayed from old notifications, is stored
//     just now but finished long ago.
// Updates come from the collector's clock (updatedUs) and the spans' from OpenStack's hosts, so
// the last bound is generous to clock skew.
import type { TraceListItem } from "../trace/traceList";

export const LIVE_QUIET_US = 30_000_000;
export const LIVE_OPEN_QUIET_US = 120_000_000;
export const LIVE_MAX_AGE_US = 600_000_000;

/** Response headers of GET /api/traces/{id} (also on its 304) that carry the liveness. */
const TRACE_LIVE_HEADER = "x-ostrace-live";
const TRACE_QUIET_HEADER = "x-ostrace-quiet-ms";

export type TraceLiveness = {
  live: boolean;
  /** Time since a batch last changed the trace, by the server's clock (0 when the clock is behind). */
  quietUs: number;
};

export function assessTraceLiveness(
  summary: Pick<TraceListItem, "updatedUs" | "unfinishedCount" | "startUs" | "durationUs">,
  nowUs: number,
): TraceLiveness {
  const quietUs = Math.max(0, nowUs - summary.updatedUs);
  const quietLimit = summary.unfinishedCount > 0 ? LIVE_OPEN_QUIET_US : LIVE_QUIET_US;
  const lastTimestampUs = summary.startUs + summary.durationUs;
  return { live: quietUs < quietLimit && nowUs - lastTimestampUs < LIVE_MAX_AGE_US, quietUs };
}

export function formatLivenessHeaders(liveness: TraceLiveness): Record<string, string> {
  return { [TRACE_LIVE_HEADER]: liveness.live ? "1" : "0", [TRACE_QUIET_HEADER]: String(Math.round(liveness.quietUs / 1000)) };
}

/** What the browser reads back; null when the headers are missing or malformed (an old server, a proxy that strips them). */
export function parseLivenessHeaders(headers: Pick<Headers, "get">): TraceLiveness | null {
  const live = headers.get(TRACE_LIVE_HEADER),
    quiet = headers.get(TRACE_QUIET_HEADER);
  if ((live !== "1" && live !== "0") || quiet === null || !/^\d{1,15}$/.test(quiet)) return null;
  return { live: live === "1", quietUs: Number(quiet) * 1000 };
}
