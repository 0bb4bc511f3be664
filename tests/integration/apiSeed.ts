// Seeds test databases the way the collector fills them: synthetic OSprofiler traffic in the
// real wire format (oslo message bodies), decoded by the collector's decoder, stored by
// storeBatch. Also the helpers the API tests share to call route handlers.
import type { Db } from "@/lib/db/client";
import { storeBatch } from "@/lib/db/storeBatch";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/lib/synthetic";
import type { TrafficOptions } from "@/lib/synthetic";

const encoder = new TextEncoder();

/** Decodes message bodies exactly as the worker does; throws on anything the worker would quarantine. */
export function decodeBodies(bodies: Iterable<string>): Notification[] {
  const out: Notification[] = [];
  for (const body of bodies) {
    const decoded = decodeMessageBody(encoder.encode(body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`seed message not decodable: ${JSON.stringify(decoded)}`);
    out.push(decoded);
  }
  return out;
}

/** Synthetic traffic -> oslo message bodies -> notifications. */
export function syntheticNotifications(options: TrafficOptions): Notification[] {
  function* bodies() {
    for (const n of generateProfilerNotifications(options)) yield convertNotificationToOsloMessage(n).body;
  }
  return decodeBodies(bodies());
}

/** Stores notifications through the ingest path, in collector-sized batches. */
export async function storeNotifications(db: Db, notifications: readonly Notification[], batchSize = 5000, nowUs?: number): Promise<void> {
  for (let i = 0; i < notifications.length; i += batchSize) {
    await storeBatch(db, { notifications: notifications.slice(i, i + batchSize), quarantined: [] }, nowUs);
  }
}
