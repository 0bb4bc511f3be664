// Deliveries -> what one transaction stores: the decoded notifications, and a quarantine row
// (with the reason and the raw body) for each message that could not be decoded. Each
// notification keeps its half as a span row (converted on arrival, runCollector.ts) and a way
// to quarantine itself, should the database refuse it alone (storeOneByOne.ts). Non-profiler
// events of a shared topic are only counted.
import { convertRejectionToQuarantineRow } from "../lib/ingest/convertRejectionToQuarantineRow";
import type { IngestBatch } from "../lib/ingest/types";
import { convertNotificationToSpanRow } from "../lib/span/convertNotificationToSpanRow";
import type { SpanRow } from "../lib/span/types";
import type { IsolatedEntry } from "./storeOneByOne";
import type { Delivery } from "./types";

export type DeliveryBatch = {
  batch: IngestBatch;
  /**
   * Each notification with a way to quarantine itself, for storeOneByOne.ts: made only when a
   * batch is stored one by one, not for every notification of every batch.
   */
  isolate(): IsolatedEntry[];
  ignored: number;
  /** For each notification of the batch, the index of its delivery. */
  sources: number[];
  /** The newest notification timestamp (µs), for the lag counter; -Infinity when there is none. */
  newestUs: number;
};

export function convertDeliveriesToBatch(deliveries: readonly Delivery[], quarantineMaxBytes: number, receivedUs: number): DeliveryBatch {
  const halves: SpanRow[] = [];
  const batch: IngestBatch = { notifications: [], quarantined: [], halves };
  let ignored = 0;
  const sources: number[] = [];
  let newestUs = -Infinity;
  const quarantine = ({ content, fields }: Delivery["message"], reason: string) =>
    convertRejectionToQuarantineRow(
      content,
      reason,
      { source: "amqp", origin: `${fields.exchange || "(default exchange)"}/${fields.routingKey}` },
      quarantineMaxBytes,
      receivedUs,
    );
  for (let index = 0; index < deliveries.length; index++) {
    const { message, decoded, half } = deliveries[index]!;
    if ("traceId" in decoded) {
      batch.notifications.push(decoded);
      halves.push(half ?? convertNotificationToSpanRow(decoded));
      sources.push(index);
      if (decoded.timestampUs > newestUs) newestUs = decoded.timestampUs;
    } else if ("ignored" in decoded) {
      ignored++;
    } else {
      batch.quarantined.push(quarantine(message, decoded.reason));
    }
  }
  const isolate = () =>
    batch.notifications.map((notification, i): IsolatedEntry => ({
      notification,
      half: halves[i],
      quarantine: (reason) => quarantine(deliveries[sources[i]!]!.message, reason),
    }));
  return { batch, isolate, ignored, sources, newestUs };
}
