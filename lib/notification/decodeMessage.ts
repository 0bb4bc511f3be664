// AMQP message -> decoded notification. oslo.messaging wraps each notification in "envelope v2"
// ({"oslo.version": "2.0", "oslo.message": "<JSON string>"}); older senders publish the inner
// message itself; HTTP senders may post just the OSprofiler payload. All three are accepted.
//
// Every text is held to the input limits (inputLimits.ts) before JSON.parse sees it: a linear
// scan measures depth and size first, so nothing downstream ever meets a value it cannot walk.
import { boundJsonValue, tooDeep, tooMany } from "./boundJsonValue";
import { DEFAULT_INPUT_LIMITS, resolveInputLimits, type InputLimits } from "./inputLimits";
import { isJsonNumber } from "./JsonNumber";
import { measureJsonText, type JsonTextShape } from "./measureJsonText";
import { parseMeasuredJson } from "./parseMeasuredJson";
import { parseProfilerPayload } from "./parseProfilerPayload";
import { createRedactor } from "./createRedactor";
import { redactPayload } from "./redactPayload";
import { shapeOfParsedJson } from "./shapeOfParsedJson";
import { DEFAULT_REDACTION } from "./redactionSettings";
import type { Json, Notification, Rejection } from "./types";

/** A well-formed message that is simply not ours (e.g. compute.instance.update on `notifications`). */
type Ignored = { ignored: string };

export type Decoded = Notification | Rejection | Ignored;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes one message body (bytes as received from RabbitMQ or HTTP). `limits` may be just the
 * byte limit (OSTRACE_MAX_NOTIFICATION_BYTES); the other limits then take their defaults.
 */
export function decodeMessageBody(body: Uint8Array, limits: number | InputLimits): Decoded {
  const l = resolveInputLimits(limits);
  if (body.byteLength > l.maxNotificationBytes) {
    return {
      reason: `body of ${body.byteLength} bytes exceeds the limit of ${l.maxNotificationBytes} bytes (OSTRACE_MAX_NOTIFICATION_BYTES)`,
    };
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { reason: "body is not valid UTF-8" };
  }
  return decodeMessageText(text, l);
}

/** Decodes one message's JSON text (its size already checked against maxNotificationBytes). */
function decodeMessageText(text: string, limits: InputLimits): Decoded {
  const parsed = parseWithinLimits(text, limits, "body");
  if ("reason" in parsed) return parsed;
  return decodeParsed(parsed.value, parsed.shape, limits);
}

/**
 * Decodes an already parsed message: envelope v2, a bare oslo message, or a bare payload.
 * `shape` is what checkJsonText measured of its text; without it the payload is walked against
 * the limits. Long strings in the payload are cut in place, so pass a value of your own.
 */
export function decodeMessageJson(value: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS, shape: JsonTextShape | null = null): Decoded {
  return decodeParsed(value, shape, limits);
}

/** The text's shape when it is within the depth and item limits; else why not. `what` names it in the reason. */
export function checkJsonText(text: string, limits: InputLimits, what: string): JsonTextShape | Rejection {
  const shape = measureJsonText(text, { maxDepth: limits.maxJsonDepth, maxItems: limits.maxJsonItems });
  if (shape.depth > limits.maxJsonDepth) return { reason: tooDeep(what, limits.maxJsonDepth) };
  if (shape.items > limits.maxJsonItems) return { reason: tooMany(what, limits.maxJsonItems) };
  return shape;
}

type Parsed = { value: unknown; shape: JsonTextShape };

/**
 * Texts up to this long (and no deeper than allowed: below) are parsed before they are measured,
 * their shape read from the value (shapeOfParsedJson.ts); longer ones are scanned first as before.
 */
const PARSED_FIRST_CHARS = 16_384;

function parseWithinLimits(text: string, limits: InputLimits, what: string): Parsed | Rejection {
  let parsed: { value: unknown } | null = null;
  // The walk cannot see a duplicate key's dropped value ({"a": [[[...]]], "a": 1}), so it is trusted
  // only where the text itself cannot pass a limit: no more "{" and "[" than levels allowed, and too
  // short for more items than allowed (each takes two characters). Then both paths accept alike.
  if (
    text.length <= PARSED_FIRST_CHARS &&
    text.length <= limits.maxStringChars &&
    text.length <= 2 * limits.maxJsonItems &&
    countUpTo(text, "{", limits.maxJsonDepth) + countUpTo(text, "[", limits.maxJsonDepth) <= limits.maxJsonDepth
  ) {
    try {
      parsed = { value: JSON.parse(text) };
    } catch {
      // Not JSON: the text scan and parse below give the reason they always gave.
    }
    if (parsed !== null) {
      const shape = shapeOfParsedJson(parsed.value, { maxDepth: limits.maxJsonDepth, maxItems: limits.maxJsonItems });
      if (shape !== null) return { value: parsed.value, shape };
    }
  }
  // The exact path: a number's literal, a limit passed, a long or invalid text.
  const shape = checkJsonText(text, limits, what);
  if ("reason" in shape) return shape;
  if (parsed !== null && !shape.inexactNumber) return { value: parsed.value, shape };
  try {
    return { value: parseMeasuredJson(text, shape), shape };
  } catch (error) {
    return { reason: `${what} is not JSON: ${(error as Error).message}` };
  }
}

/** How often `char` occurs in `text`, counted up to `limit` + 1 (native search, a call per occurrence). */
function countUpTo(text: string, char: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0 && count <= limit; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function decodeParsed(value: unknown, outerShape: JsonTextShape | null, limits: InputLimits): Decoded {
  if (!isObject(value)) return { reason: `expected a JSON object, got ${kindOf(value)}` };

  let message: Record<string, unknown> = value;
  let shape = outerShape;
  if ("oslo.version" in value || "oslo.message" in value) {
    if (value["oslo.version"] !== "2.0") {
      return { reason: `unsupported envelope: oslo.version ${describeValue(value["oslo.version"])}, expected "2.0"` };
    }
    const inner = value["oslo.message"];
    if (typeof inner !== "string") return { reason: `envelope: oslo.message is ${kindOf(inner)}, expected a JSON string` };
    const parsed = parseWithinLimits(inner, limits, "envelope: oslo.message");
    if ("reason" in parsed) return parsed;
    if (!isObject(parsed.value)) return { reason: `envelope: oslo.message holds ${kindOf(parsed.value)}, expected an object` };
    message = parsed.value;
    shape = parsed.shape;
  }

  if ("payload" in message || "event_type" in message) {
    const eventType = message.event_type;
    if (typeof eventType !== "string") return { reason: `event_type is ${kindOf(eventType)}, expected a string` };
    if (!eventType.startsWith("profiler.")) return { ignored: `event_type ${eventType.slice(0, 200)} is not a profiler event` };
    return decodePayloadJson(message.payload, limits, shape);
  }
  return decodePayloadJson(message, limits, shape);
}

/**
 * Decodes one bare OSprofiler payload, already parsed (an imported report's raw payload, the
 * payload of a message). `shape` is what measureJsonText measured of its text, when known.
 * Every notification AMQP, HTTP ingest and import store passes here, so this is where secrets
 * are masked (redactPayload.ts), after the limits made the payload safe to walk.
 */
export function decodePayloadJson(payload: unknown, limits: InputLimits, shape: JsonTextShape | null): Notification | Rejection {
  const decoded = parseProfilerPayload(payload);
  if (!("traceId" in decoded)) return decoded;
  // The text scan proved depth and size; only a long string or a huge number needs the walk.
  if (shape === null || shape.longestString > limits.maxStringChars || shape.bigNumber) {
    const bounded = boundJsonValue(decoded.payload as Json, limits);
    if ("reason" in bounded) return bounded;
  }
  const redaction = limits.redaction ?? DEFAULT_REDACTION;
  if (redaction.enabled) {
    const redacted = redactPayload(decoded.payload, createRedactor(redaction));
    if (redacted > 0) decoded.redactedValues = redacted;
  }
  return decoded;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isJsonNumber(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isJsonNumber(value)) return "a number";
  if (value === undefined) return "missing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A short, safe rendering of a value from the wire for a reason (never JSON.stringify of something deep). */
function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 64));
  if (typeof value === "object" && value !== null) return kindOf(value);
  return String(value);
}
