// What the collector does with each delivery as it arrives (runCollector.ts's onMessage), apart
// from the broker: decode the body within the input limits, quarantine what the database could
// not store, and make the notification's own half as a span row. Converted now, not in the
// batch's transaction: on PostgreSQL this runs while the previous batch is in the database, and
// the trace locks are held for less. Its own file so bench/ingestInstructions.ts runs this very
// code without RabbitMQ.
import { convertNotificationToSpanRow } from "../lib/span/convertNotificationToSpanRow";
import { rejectUnstorable } from "../lib/span/rejectUnstorable";
import type { SpanRow } from "../lib/span/types";
import { decodeMessageBody, type Decoded } from "../lib/notification/decodeMessage";
import { describeError } from "./createLastError";
import type { CollectorConfig } from "./types";

export type Arrival = { decoded: Decoded; half: SpanRow | undefined };

export function decodeOnArrival(content: Uint8Array, config: CollectorConfig): Arrival {
  try {
    const decoded = rejectUnstorable(decodeMessageBody(content, config));
    return { decoded, half: "traceId" in decoded ? convertNotificationToSpanRow(decoded) : undefined };
  } catch (error) {
    // Decoding is written not to throw; should it still, the message is quarantined, not lost.
    return { decoded: { reason: `could not be decoded: ${describeError(error)}` }, half: undefined };
  }
}
