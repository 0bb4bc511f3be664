// Realistic synthetic OSprofiler traffic for tests, benchmarks and the demo. Pure and seeded.
//
//   for (const n of generateProfilerNotifications({ notifications: 200_000, seed: 7 })) {
//     const m = convertNotificationToOsloMessage(n);           // what oslo.messaging publishes
//     channel.publish(m.exchange, m.routingKey, Buffer.from(m.body), m.properties);
//   }
//
//   const [trace] = generateSyntheticTraces({ scenario: "boot-server", spanCount: 10_000 });
export { applyMessiness, createSkewedClock } from "./applyMessiness";
export { buildSyntheticTrace, type TraceRequest } from "./buildSyntheticTrace";
export { convertNotificationToOsloMessage, formatOsloTimestamp, OSLO_EXCHANGE_OPTIONS, PROFILER_TOPIC, type OsloDriver, type OsloMessage } from "./convertNotificationToOsloMessage";
export { convertSyntheticSpanToPayload } from "./convertSyntheticSpanToPayload";
export { convertSyntheticTraceToNotifications, createNotificationCursor, type HostClock } from "./convertSyntheticTraceToNotifications";
export { createRandom, type Random } from "./createRandom";
export { createDeployment, type Deployment } from "./deployment";
export { formatPythonJson, formatPythonString } from "./formatPythonJson";
export { generateOsloMessages } from "./generateOsloMessages";
export { generateProfilerNotifications } from "./generateProfilerNotifications";
export { generateSyntheticTraces } from "./generateSyntheticTraces";
export { SCENARIOS } from "./scenarios";
export type { Messiness, TrafficOptions } from "./trafficOptions";
export type { ProfilerPayload, ScenarioName, ServiceProcess, SyntheticNotification, SyntheticSpan, SyntheticTrace } from "./types";
