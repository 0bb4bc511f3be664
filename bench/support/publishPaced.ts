// Steady traffic as a cloud sends it: notifications published at a fixed rate (every few ms
// the number due so far), not in bursts. Every `probeEveryMs` the notification being
// published becomes a probe whose visibility the caller times.
import type { Channel } from "amqplib";
import { convertNotificationToOsloMessage, type OsloDriver, type SyntheticNotification } from "../../testing/synthetic";
import type { BenchTopology } from "./broker";

export type Probe = {
  traceId: string;
  spanId: string;
  phase: "start" | "stop";
  /** performance.now() just before the publish call. */
  publishedAt: number;
  /** Seconds since publishing began. */
  second: number;
};

export type PacedOptions = {
  channel: Channel;
  topology: BenchTopology;
  notifications: Iterator<SyntheticNotification>;
  driver: OsloDriver;
  rate: number;
  seconds: number;
  probeEveryMs?: number;
  onProbe?(probe: Probe): void;
  /** Called once a second with the count published so far. */
  onSecond?(second: number, published: number): void;
};

export async function publishPaced(
  options: PacedOptions,
): Promise<{ published: number; seconds: number; rate: number; maxBehind: number }> {
  const { channel, topology, notifications, driver, rate, seconds } = options;
  const t0 = performance.now();
  let published = 0;
  let nextProbeAt = options.probeEveryMs ?? Infinity;
  let nextSecond = 1;
  let maxBehind = 0;
  for (;;) {
    const elapsedMs = performance.now() - t0;
    if (elapsedMs >= seconds * 1000) break;
    const due = Math.floor((rate * elapsedMs) / 1000);
    maxBehind = Math.max(maxBehind, due - published);
    while (published < due) {
      const next = notifications.next();
      if (next.done) throw new Error(`the traffic ran out after ${published} notifications`);
      const n = next.value;
      const m = convertNotificationToOsloMessage(n, driver);
      const now = performance.now();
      if (now - t0 >= nextProbeAt) {
        nextProbeAt += options.probeEveryMs!;
        options.onProbe?.({
          traceId: n.payload.base_id,
          spanId: n.payload.trace_id,
          phase: n.payload.name.endsWith("-start") ? "start" : "stop",
          publishedAt: now,
          second: (now - t0) / 1000,
        });
      }
      const ok = channel.publish(topology.exchangeFor(m.exchange), m.routingKey, Buffer.from(m.body), m.properties);
      published++;
      if (!ok) await new Promise((resolve) => channel.once("drain", resolve));
    }
    if (elapsedMs >= nextSecond * 1000) {
      options.onSecond?.(nextSecond, published);
      nextSecond++;
    }
    await new Promise((resolve) => setTimeout(resolve, 4));
  }
  const total = (performance.now() - t0) / 1000;
  return { published, seconds: total, rate: published / total, maxBehind };
}
