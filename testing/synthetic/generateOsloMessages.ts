// The fast path for publishers: synthetic traffic straight to AMQP messages, ready to publish.
import { convertNotificationToOsloMessage, type OsloDriver, type OsloMessage } from "./convertNotificationToOsloMessage";
import { generateProfilerNotifications } from "./generateProfilerNotifications";
import type { TrafficOptions } from "./trafficOptions";

export function* generateOsloMessages(options: TrafficOptions & { driver?: OsloDriver } = {}): Generator<OsloMessage> {
  for (const n of generateProfilerNotifications(options)) yield convertNotificationToOsloMessage(n, options.driver);
}
