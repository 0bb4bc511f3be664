// The benchmarks' traffic: testing/synthetic's mixed OpenStack requests (wsgi -> rpc -> db/driver
// across nova, neutron, glance, keystone, cinder, heat, placement; SQL; ~5% of requests raise),
// in the wire format OSprofiler really sends by default (oslo message format 1.0, driver
// "messaging": no envelope) or envelope v2 ("messagingv2").
import {
  generateOsloMessages,
  generateProfilerNotifications,
  type OsloDriver,
  type OsloMessage,
  type TrafficOptions,
} from "../../testing/synthetic";

export const BENCH_SEED = 7;

export type TrafficCensus = {
  notifications: number;
  starts: number;
  stops: number;
  spans: number;
  traces: number;
  meanBodyBytes: number;
  bodyBytes: number;
  byExchange: Record<string, number>;
};

export function benchTraffic(notifications: number, extra: TrafficOptions = {}): TrafficOptions {
  return { seed: BENCH_SEED, notifications, ...extra };
}

export function envelopeOf(driver: OsloDriver): "1.0" | "2.0" {
  return driver === "messaging" ? "1.0" : "2.0";
}

/** What the traffic holds, computed from the generator itself, to check what was stored against. */
export function takeCensus(options: TrafficOptions, driver: OsloDriver): TrafficCensus {
  let notifications = 0;
  let starts = 0;
  let stops = 0;
  const spans = new Set<string>();
  const traces = new Set<string>();
  for (const n of generateProfilerNotifications(options)) {
    notifications++;
    if (n.payload.name.endsWith("-start")) starts++;
    else stops++;
    spans.add(`${n.payload.base_id} ${n.payload.trace_id}`);
    traces.add(n.payload.base_id);
  }
  let bodyBytes = 0;
  const byExchange: Record<string, number> = {};
  for (const m of generateOsloMessages({ ...options, driver })) {
    bodyBytes += Buffer.byteLength(m.body);
    byExchange[m.exchange] = (byExchange[m.exchange] ?? 0) + 1;
  }
  return {
    notifications,
    starts,
    stops,
    spans: spans.size,
    traces: traces.size,
    meanBodyBytes: Math.round(bodyBytes / notifications),
    bodyBytes,
    byExchange,
  };
}

export function benchMessages(options: TrafficOptions, driver: OsloDriver): Iterable<OsloMessage> {
  return generateOsloMessages({ ...options, driver });
}
