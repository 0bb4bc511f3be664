// What the collector does with each delivery as it arrives (runCollector.ts's onMessage), apart
// from the broker: decode the body within the input limits, quarantine what the database could
// not store, and make the notification's own half as a span row. Converted now, not in the
// batch's transaction: on PostgreSQL this runs while the previous batch is in the database, and
// the trace locks are held for less. Once the half is made the payload is released: every later
// step (planning, the one-by-one pass, a carried delivery's next batch) works from the half, and
// up to a prefetch window of deliveries (8,000 by default) wait for their commit, whose parsed
// payload trees would otherwise stay alive for the garbage collector to walk. Its own file so
// bench/ingestInstructions.ts runs this very code without RabbitMQ.
import { convertNotificationToSpanRow } from "../lib/span/convertNotificationToSpanRow";
import { rejectUnstorable } from "../lib/span/rejectUnstorable";
import type { SpanRow } from "../lib/span/types";
import { decodeMessageBody, type Decoded } from "../lib/notification/decodeMessage";
import type { JsonObject } from "../lib/notification/types";
import { describeError } from "./createLastError";
import type { CollectorConfig } from "./types";

export type Arrival = { decoded: Decoded; half: SpanRow | undefined };

/** What a collector's notification holds as its payload once its half is made: nothing to read. */
export const RELEASED_PAYLOAD: JsonObject = Object.freeze({}) as JsonObject;

export function decodeOnArrival(content: Uint8Array, config: CollectorConfig): Arrival {
  try {
    const decoded = rejectUnstorable(decodeMessageBody(content, config));
    if (!("traceId" in decoded)) return { decoded, half: undefined };
    const half = convertNotificationToSpanRow(decoded);
    decoded.payload = RELEASED_PAYLOAD;
    return { decoded, half };
  } catch (error) {
    // Decoding is written not to throw; should it still, the message is quarantined, not lost.
    return { decoded: { reason: `could not be decoded: ${describeError(error)}` }, half: undefined };
  }
}
