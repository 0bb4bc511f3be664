// A trace's OTLP/JSON text, written a batch of spans at a time: the same bytes as
// formatOtlpJson(convertSpansToOtlp(spans)), but only `batchSize` spans' payloads are held at
// once, and the tree is whatever OtlpTree the converter was made from (the streamed route's is
// the compact plan, planOtlpExport). The serializer groups spans by resource (in order of first
// appearance) and keeps each group's spans in the trace's order; so the spans are visited in that
// order, each group's frame is what OpenTelemetry's own serializer prints around one span (and
// two copies of it), and the spans inside are written one at a time by writeOtlpSpanJson, whose
// text is checked against the serializer's on each group's first span.
import type { Resource } from "@opentelemetry/resources";
import type { Span } from "../span/types";
import type { OtlpReadableSpan, OtlpSpanConverter } from "./convertSpansToOtlp";
import { formatOtlpJson } from "./formatOtlpJson";
import { writeOtlpSpanJson } from "./writeOtlpSpanJson";

type SpanBatch = { readonly length: number; at(index: number): Span | undefined };

const HEAD = '{"resourceSpans":[';
const TAIL = "]}";

/** `readSpans`: the spans with these ids, raw payloads included, in that order (each read with at(i) once). */
export async function* streamOtlpJson(
  converter: OtlpSpanConverter,
  readSpans: (spanIds: string[]) => Promise<SpanBatch> | SpanBatch,
  batchSize = 500,
): AsyncGenerator<string> {
  const size = converter.size;
  if (size === 0) {
    yield formatOtlpJson([]);
    return;
  }
  const { order, starts } = groupByResource(converter);
  let out = HEAD;
  for (let g = 0; g + 1 < starts.length; g++) {
    let frame: { open: string; close: string } | null = null;
    for (let at = starts[g]!; at < starts[g + 1]!; at += batchSize) {
      const ids = Array.from(order.subarray(at, Math.min(starts[g + 1]!, at + batchSize)), (i) => converter.spanIdOf(i));
      const received = await readSpans(ids);
      out += at === starts[g] ? (g === 0 ? "" : ",") : ",";
      for (let j = 0; j < ids.length; j++) {
        const span = converter.convert(order[at + j]!, received.at(j)!);
        const text = writeOtlpSpanJson(span);
        if (frame === null) {
          frame = findGroupFrame(span, text);
          out += frame.open.slice(HEAD.length);
        }
        out += j === 0 ? text : `,${text}`;
      }
      yield out;
      out = "";
    }
    out += frame!.close.slice(0, -TAIL.length);
  }
  yield out + TAIL;
}

/**
 * Resource groups in order of first appearance, each group's spans in trace order: `order` holds
 * the spans group after group, group g at starts[g] to starts[g + 1]. (A function of its own so
 * that its by-span group column is not held while the stream runs.)
 */
function groupByResource(converter: OtlpSpanConverter): { order: Uint32Array; starts: number[] } {
  const size = converter.size;
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
  return { order, starts };
}

/**
 * The text around a one-resource request's spans: printing [span] and [span, span] with
 * OpenTelemetry's serializer tells where the spans are. The span's own text there must be `text`
 * (writeOtlpSpanJson's), which checks the hand-written encoder against the serializer once per group.
 */
function findGroupFrame(span: OtlpReadableSpan, text: string): { open: string; close: string } {
  const one = formatOtlpJson([span]);
  const two = formatOtlpJson([span, span]);
  const spanLength = two.length - one.length - 1;
  const at = one.indexOf('"spans":[') + '"spans":['.length;
  if (at < '"spans":['.length || !one.startsWith(HEAD) || !one.endsWith(TAIL))
    throw new Error("OTLP serializer: unexpected request layout");
  if (one.slice(at, at + spanLength) !== text)
    throw new Error("OTLP serializer: a span printed otherwise than writeOtlpSpanJson writes it");
  return { open: one.slice(0, at), close: one.slice(at + spanLength) };
}
