import { describe, expect, it } from "vitest";
import { loadConfig } from "../lib/config";
import { decodeMessageBody } from "../lib/notification/decodeMessage";
import { convertNotificationToSpanRow } from "../lib/span/convertNotificationToSpanRow";
import { rejectUnstorable } from "../lib/span/rejectUnstorable";
import { generateOsloMessages } from "../testing/synthetic";
import { decodeOnArrival, RELEASED_PAYLOAD } from "./decodeOnArrival";

const config = { ...loadConfig({}), amqpUrls: ["amqp://x"], queue: "q", exchanges: ["nova"] };

describe("decodeOnArrival", () => {
  it("makes the half from the whole payload, then releases the payload; everything else as decoded", () => {
    let notifications = 0;
    for (const m of generateOsloMessages({ seed: 3, notifications: 600 })) {
      const body = new TextEncoder().encode(m.body);
      const expected = rejectUnstorable(decodeMessageBody(body, config));
      const { decoded, half } = decodeOnArrival(body, config);
      if (!("traceId" in expected)) {
        expect(decoded).toEqual(expected);
        expect(half).toBeUndefined();
        continue;
      }
      notifications++;
      expect(half).toEqual(convertNotificationToSpanRow(expected));
      expect(decoded).toEqual({ ...expected, payload: RELEASED_PAYLOAD });
      expect(Object.isFrozen((decoded as typeof expected).payload)).toBe(true);
    }
    expect(notifications).toBe(600);
  });

  it("keeps a rejection as it is, with no half", () => {
    const body = new TextEncoder().encode('{"event_type": "profiler.nova", "payload": 1}');
    const { decoded, half } = decodeOnArrival(body, config);
    expect(decoded).toEqual(rejectUnstorable(decodeMessageBody(body, config)));
    expect(half).toBeUndefined();
  });
});
