// A trace's OTLP/JSON text, written a batch of spans at a time (the frame as text, each batch's
// spans as the UTF-8 bytes the serializer made, not decoded and encoded again): the same bytes as
// formatOtlpJson(convertSpansToOtlp(spans)), but only `batchSize` spans' payloads are held at
// once, and the tree is whatever OtlpTree the converter was made from (the streamed route's is
// the compact plan, planOtlpExport). The serializer groups spans by resource (in order of first appearance) and keeps each
// group's spans in the trace's order; so the spans are visited in that order, each batch (one
// resource's) is serialized by OpenTelemetry's own serializer, and its "spans" array is spliced
// into the group's frame, which is what serializing one span and two copies of it shows it to be.
import type { Resource } from "@opentelemetry/resources";
import type { Span } from "../span/types";
import type { OtlpReadableSpan, OtlpSpanConverter } from "./convertSpansToOtlp";
import { encodeOtlpJson, formatOtlpJson } from "./formatOtlpJson";

type SpanBatch = { readonly length: number; at(index: number): Span | undefined };

const HEAD = '{"resourceSpans":[';
const TAIL = "]}";

/** `readSpans`: the spans with these ids, raw payloads included, in that order (each read with at(i) once). */
export async function* streamOtlpJson(
  converter: OtlpSpanConverter,
  readSpans: (spanIds: string[]) => Promise<SpanBatch> | SpanBatch,
  batchSize = 500,
): AsyncGenerator<string | Uint8Array> {
  const size = converter.size;
  if (size === 0) {
    yield formatOtlpJson([]);
    return;
  }
  // Resource groups in order of first appearance; each group's spans in trace order.
  const groupOf = new Int32Array(size);
  const groups = new Map<Resource, number>();
  const counts: number[] = [];
  for (let i = 0; i < size; i++) {
    const resource = converter.resourceOf(i);
    let g = groups.get(resource);
    if (g === undefined) {
      g = counts.push(0) - 1;
      groups.set(resource, g);
    }
    groupOf[i] = g;
    counts[g]!++;
  }
  const starts = [0];
  for (const count of counts) starts.push(starts[starts.length - 1]! + count);
  const order = new Uint32Array(size);
  const fill = starts.slice(0, -1);
  for (let i = 0; i < size; i++) order[fill[groupOf[i]!]!++] = i;

  let out = HEAD;
  for (let g = 0; g < counts.length; g++) {
    let frame: { open: string; close: string; openBytes: Uint8Array; closeBytes: Uint8Array } | null = null;
    for (let at = starts[g]!; at < starts[g + 1]!; at += batchSize) {
      const ids = Array.from(order.subarray(at, Math.min(starts[g + 1]!, at + batchSize)), (i) => converter.spanIdOf(i));
      const received = await readSpans(ids);
      const batch = ids.map((_, j) => converter.convert(order[at + j]!, received.at(j)!));
      frame ??= findGroupFrame(batch[0]!);
      const bytes = encodeOtlpJson(batch);
      if (!startsWith(bytes, frame.openBytes) || !startsWith(bytes.subarray(bytes.length - frame.closeBytes.length), frame.closeBytes))
        throw new Error("OTLP serializer: a batch of one resource did not print as one group");
      out += at === starts[g] ? (g === 0 ? "" : ",") + frame.open.slice(HEAD.length) : ",";
      yield out;
      out = "";
      // The spans' own bytes, as the serializer wrote them: no text is made of them here.
      yield bytes.subarray(frame.openBytes.length, bytes.length - frame.closeBytes.length);
    }
    out += frame!.close.slice(0, -TAIL.length);
  }
  yield out + TAIL;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** The text around a one-resource request's spans: printing [span] and [span, span] tells where the spans are. */
function findGroupFrame(span: OtlpReadableSpan): { open: string; close: string; openBytes: Uint8Array; closeBytes: Uint8Array } {
  const one = formatOtlpJson([span]);
  const two = formatOtlpJson([span, span]);
  const spanLength = two.length - one.length - 1;
  const at = one.indexOf('"spans":[') + '"spans":['.length;
  if (at < '"spans":['.length || !one.startsWith(HEAD) || !one.endsWith(TAIL))
    throw new Error("OTLP serializer: unexpected request layout");
  const encoder = new TextEncoder();
  const [open, close] = [one.slice(0, at), one.slice(at + spanLength)];
  return { open, close, openBytes: encoder.encode(open), closeBytes: encoder.encode(close) };
}
