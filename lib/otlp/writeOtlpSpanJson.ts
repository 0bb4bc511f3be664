// One span's OTLP/JSON text, written straight from the SDK span: the same text as OpenTelemetry's
// JSON serializer (@opentelemetry/otlp-transformer) gives it inside a request, but without its
// intermediate request object (a key/value object and an AnyValue object per attribute, a
// BigInt per timestamp) and the one string of the whole request: a million-span export made
// those for every batch, most of what it allocated while streaming. The serializer's rules,
// kept here field by field in its order (JSON.stringify leaves out what is undefined):
// ids as given (hex), kind + 1, times as decimal nanoseconds, attributes as typed AnyValues,
// span flags = W3C trace flags | HAS_IS_REMOTE (0x100) | IS_REMOTE (0x200) when the parent is.
// streamOtlpJson checks it against the serializer on the first span of every resource group.
import type { OtlpReadableSpan } from "./convertSpansToOtlp";

type HrTime = OtlpReadableSpan["startTime"];
type Attributes = OtlpReadableSpan["attributes"];

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

export function writeOtlpSpanJson(span: OtlpReadableSpan): string {
  const context = span.spanContext();
  const parentSpanId = span.parentSpanContext?.spanId;
  const traceState = context.traceState?.serialize();
  let text = `{"traceId":${JSON.stringify(context.traceId)},"spanId":${JSON.stringify(context.spanId)}`;
  if (parentSpanId) text += `,"parentSpanId":${JSON.stringify(parentSpanId)}`;
  if (traceState !== undefined) text += `,"traceState":${JSON.stringify(traceState)}`;
  text +=
    `,"name":${JSON.stringify(span.name)},"kind":${span.kind == null ? 0 : span.kind + 1}` +
    `,"startTimeUnixNano":"${writeNanos(span.startTime)}","endTimeUnixNano":"${writeNanos(span.endTime)}"` +
    `,"attributes":${writeAttributes(span.attributes)}${numberField("droppedAttributesCount", span.droppedAttributesCount)}` +
    `,"events":[`;
  span.events.forEach((event, e) => {
    text +=
      `${e === 0 ? "" : ","}{"attributes":${event.attributes ? writeAttributes(event.attributes) : "[]"}` +
      `${event.name === undefined ? "" : `,"name":${JSON.stringify(event.name)}`}` +
      `,"timeUnixNano":"${writeNanos(event.time)}","droppedAttributesCount":${writeNumber(event.droppedAttributesCount || 0)}}`;
  });
  const { code, message } = span.status;
  const status = `${code === undefined ? "" : `"code":${writeNumber(code)}`}${message === undefined ? "" : `${code === undefined ? "" : ","}"message":${JSON.stringify(message)}`}`;
  text += `]${numberField("droppedEventsCount", span.droppedEventsCount)},"status":{${status}},"links":[`;
  span.links.forEach((link, l) => {
    const linkState = link.context.traceState?.serialize();
    text +=
      `${l === 0 ? "" : ","}{"attributes":${link.attributes ? writeAttributes(link.attributes) : "[]"}` +
      `,"spanId":${JSON.stringify(link.context.spanId)},"traceId":${JSON.stringify(link.context.traceId)}` +
      `${linkState === undefined ? "" : `,"traceState":${JSON.stringify(linkState)}`}` +
      `,"droppedAttributesCount":${writeNumber(link.droppedAttributesCount || 0)}` +
      `,"flags":${spanFlags(link.context.traceFlags, link.context.isRemote)}}`;
  });
  return `${text}]${numberField("droppedLinksCount", span.droppedLinksCount)},"flags":${spanFlags(context.traceFlags, span.parentSpanContext?.isRemote)}}`;
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote ? IS_REMOTE : 0);
}

/** [seconds, nanoseconds] -> the decimal text of seconds * 1e9 + nanoseconds (both truncated), as the serializer's BigInt gives it. */
export function writeNanos([seconds, nanos]: HrTime): string {
  const s = Math.trunc(seconds),
    n = Math.trunc(nanos);
  // The usual case without BigInt: whole seconds and 0 <= nanoseconds < 1e9 are the digits side by side.
  if (s > 0 && n >= 0 && n < 1e9 && Number.isSafeInteger(s)) return `${s}${String(n).padStart(9, "0")}`;
  return (BigInt(s) * 1_000_000_000n + BigInt(n)).toString();
}

/** Attributes, and the entries of a kvlistValue: `[{"key":…,"value":AnyValue},…]` in the object's key order. */
function writeAttributes(attributes: Attributes | Readonly<Record<string, unknown>>): string {
  let text = "[";
  let first = true;
  for (const key of Object.keys(attributes)) {
    text += `${first ? "" : ","}{"key":${JSON.stringify(key)},"value":${writeAnyValue(attributes[key])}}`;
    first = false;
  }
  return `${text}]`;
}

function writeAnyValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `{"stringValue":${JSON.stringify(value)}}`;
    case "number":
      return Number.isInteger(value) ? `{"intValue":${writeNumber(value)}}` : `{"doubleValue":${writeNumber(value)}}`;
    case "boolean":
      return `{"boolValue":${value}}`;
  }
  if (value instanceof Uint8Array) return `{"bytesValue":${JSON.stringify(Buffer.from(value).toString("base64"))}}`;
  if (Array.isArray(value)) return `{"arrayValue":{"values":[${value.map(writeAnyValue).join(",")}]}}`;
  if (typeof value === "object" && value !== null) return `{"kvlistValue":{"values":${writeAttributes(value as Record<string, unknown>)}}}`;
  return "{}";
}

/** JSON's text of a number (NaN and the infinities are null). */
function writeNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : "null";
}

function numberField(key: string, value: number | undefined): string {
  return value === undefined ? "" : `,"${key}":${writeNumber(value)}`;
}
