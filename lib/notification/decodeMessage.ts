// AMQP message -> decoded notification. oslo.messaging wraps each notification in "envelope v2"
// ({"oslo.version": "2.0", "oslo.message": "<JSON string>"}); older senders publish the inner
// message itself; HTTP senders may post just the OSprofiler payload. All three are accepted.
import { parseProfilerPayload } from "./parseProfilerPayload";
import type { Notification, Rejection } from "./types";

/** A well-formed message that is simply not ours (e.g. compute.instance.update on `notifications`). */
export type Ignored = { ignored: string };

export type Decoded = Notification | Rejection | Ignored;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes one message body (bytes as received from RabbitMQ or HTTP). */
export function decodeMessageBody(body: Uint8Array, maxBytes: number): Decoded {
  if (body.byteLength > maxBytes) {
    return { reason: `body of ${body.byteLength} bytes exceeds the limit of ${maxBytes} bytes (OSTRACE_MAX_NOTIFICATION_BYTES)` };
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { reason: "body is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { reason: `body is not JSON: ${(error as Error).message}` };
  }
  return decodeMessageJson(value);
}

/** Decodes an already parsed message: envelope v2, a bare oslo message, or a bare payload. */
export function decodeMessageJson(value: unknown): Decoded {
  if (!isObject(value)) return { reason: `expected a JSON object, got ${kindOf(value)}` };

  let message: Record<string, unknown> = value;
  if ("oslo.version" in value || "oslo.message" in value) {
    if (value["oslo.version"] !== "2.0") {
      return { reason: `unsupported envelope: oslo.version ${JSON.stringify(value["oslo.version"])}, expected "2.0"` };
    }
    const inner = value["oslo.message"];
    if (typeof inner !== "string") return { reason: `envelope: oslo.message is ${kindOf(inner)}, expected a JSON string` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(inner);
    } catch (error) {
      return { reason: `envelope: oslo.message is not JSON: ${(error as Error).message}` };
    }
    if (!isObject(parsed)) return { reason: `envelope: oslo.message holds ${kindOf(parsed)}, expected an object` };
    message = parsed;
  }

  if ("payload" in message || "event_type" in message) {
    const eventType = message.event_type;
    if (typeof eventType !== "string") return { reason: `event_type is ${kindOf(eventType)}, expected a string` };
    if (!eventType.startsWith("profiler.")) return { ignored: `event_type ${eventType} is not a profiler event` };
    return parseProfilerPayload(message.payload);
  }
  return parseProfilerPayload(message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value === undefined) return "missing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
