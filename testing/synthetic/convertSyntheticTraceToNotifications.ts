// Synthetic trace -> its notifications in the order the services sent them. Payloads are made
// only when asked for (a cursor), so a 100k-span trace costs its spans in memory, not also 200k
// payload objects waiting to be published.
import { createRandom, type Random } from "./createRandom";
import { convertSyntheticSpanToPayload } from "./convertSyntheticSpanToPayload";
import type { SyntheticNotification, SyntheticTrace } from "./types";

/** Offset of each host's clock from true time, in microseconds (0 when clocks agree). */
export type HostClock = (host: string) => number;

export type NotificationCursor = {
  /** True send time of the next notification; Infinity when none is left. */
  nextTimeUs(): number;
  /** The next notification; call only while nextTimeUs() is finite. */
  take(): SyntheticNotification;
  readonly length: number;
};

export function createNotificationCursor(trace: SyntheticTrace, clock: HostClock = () => 0): NotificationCursor {
  const spans = trace.spans;
  const count = spans.length * 2;
  // Entry 2i is span i's start, 2i+1 its stop; sort entries by time, starts first on ties
  // (a call cannot stop before it started), then by generation order.
  const times = new Float64Array(count);
  for (let i = 0; i < spans.length; i++) {
    times[2 * i] = spans[i]!.startUs;
    times[2 * i + 1] = spans[i]!.stopUs;
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]! || (a & 1) - (b & 1) || a - b);

  const random: Random = createRandom(trace.traceId);
  let index = 0;
  return {
    length: count,
    nextTimeUs: () => (index < count ? times[order[index]!]! : Infinity),
    take: () => {
      const entry = order[index++]!;
      const span = spans[entry >>> 1]!;
      const phase = entry & 1 ? "stop" : "start";
      const timestampUs = times[entry]! + clock(span.process.host);
      return {
        payload: convertSyntheticSpanToPayload(trace.traceId, span, phase, timestampUs),
        sender: span.process,
        timestampUs,
        // oslo.messaging stamps the message right after OSprofiler built the payload.
        sentUs: timestampUs + 12 + (random.uint32() % 80),
        messageId: random.uuid(),
        uniqueId: random.hex32(),
      };
    },
  };
}

/** Every notification of one trace, in sending order. */
export function convertSyntheticTraceToNotifications(trace: SyntheticTrace, clock?: HostClock): SyntheticNotification[] {
  const cursor = createNotificationCursor(trace, clock);
  const notifications: SyntheticNotification[] = [];
  while (cursor.nextTimeUs() !== Infinity) notifications.push(cursor.take());
  return notifications;
}
