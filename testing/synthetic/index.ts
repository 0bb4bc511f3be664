// Realistic synthetic OSprofiler traffic for tests, benchmarks and the demo. Pure and seeded.
//
//   for (const n of generateProfilerNotifications({ notifications: 200_000, seed: 7 })) {
//     const m = convertNotificationToOsloMessage(n);           // what oslo.messaging publishes
//     channel.publish(m.exchange, m.routingKey, Buffer.from(m.body), m.properties);
//   }
//
//   const [trace] = generateSyntheticTraces({ scenario: "boot-server", spanCount: 10_000 }); // ./generateSyntheticTraces.ts
export {
  convertNotificationToOsloMessage,
  OSLO_EXCHANGE_OPTIONS,
  type OsloDriver,
  type OsloMessage,
} from "./convertNotificationToOsloMessage";
export { generateOsloMessages } from "./generateOsloMessages";
export { generateProfilerNotifications } from "./generateProfilerNotifications";
export type { TrafficOptions } from "./trafficOptions";
export type { ScenarioName, SyntheticNotification } from "./types";
