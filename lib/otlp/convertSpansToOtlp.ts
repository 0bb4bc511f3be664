// One trace's spans (raw payloads included) -> OpenTelemetry spans, for OTLP's serializers.
// The tree is ostrace's (lib/trace buildTrace): a parent chain that loops is cut, so a viewer
// never walks a cycle; an orphan keeps the parent id it arrived with (its parent may come).
// Mapping:
// - resource: one per (project, service, host): service.name "<project>-<service>" (or the
//   service when it already names the project), service.namespace the project, host.name;
// - scope "osprofiler"; span name: the call in a few words (labelCall: "GET /v2.1/servers/{id}",
//   "SELECT … FROM instances", "ComputeManager.build_and_run_instance"), the full text in the
//   attributes (readOtlpAttributes);
// - kind: wsgi SERVER, db CLIENT, rpc SERVER when its parent is an rpc span of another
//   service or host (the handler) else CLIENT (the caller), everything else INTERNAL;
// - status ERROR with the exception's message when the stop carried an etype, and an
//   "exception" event (exception.type, exception.message) at the stop; otherwise UNSET;
// - times: microseconds -> nanoseconds, exact; a missing start or stop is inferred as on the
//   trace page and flagged (osprofiler.no_start / osprofiler.unfinished);
// - ids: see otlpIds.ts; the OSprofiler ids are kept as osprofiler.trace_id / parent_id /
//   base_id attributes.
import { SpanKind, SpanStatusCode, TraceFlags, type HrTime } from "@opentelemetry/api";
import type { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes, type Resource } from "@opentelemetry/resources";
import type { Span } from "../span/types";
import { buildTrace } from "../trace/buildTrace";
import { labelCallText } from "../trace/labelCall";
import { SpanFlag, type Trace } from "../trace/types";
import { convertSpanIdToOtlp, convertTraceIdToOtlp, packOtlpSpanIds } from "./otlpIds";
import { readOtlpAttributes, type OtlpAttributes } from "./readOtlpAttributes";

/** The SDK's finished span, as OTLP's serializers take it. */
export type OtlpReadableSpan = Parameters<typeof JsonTraceSerializer.serializeRequest>[0][number];

const SCOPE = { name: "osprofiler" };

export function convertSpansToOtlp(spans: readonly Span[], traceId: string): OtlpReadableSpan[] {
  const trace = buildTrace(spans, traceId);
  const received = new Map<string, Span>();
  for (const span of spans) if (!received.has(span.spanId)) received.set(span.spanId, span);
  const converter = createOtlpSpanConverter(readOtlpTree(trace), traceId);
  return Array.from({ length: trace.size }, (_, i) => converter.convert(i, received.get(trace.spanId[i]!)!));
}

/**
 * What the conversion needs of the tree, by the span's position in ostrace's pre-order: the
 * page's Trace has it (readOtlpTree), and so has the streamed export's compact plan
 * (planOtlpExport), which holds no span objects.
 */
export type OtlpTree = {
  size: number;
  spanIdOf(i: number): string;
  /** Position of the tree parent, -1 for a root. */
  parent: Int32Array;
  /** SpanFlag bits: UNFINISHED, NO_START, ORPHAN and CYCLE are read. */
  flags: Uint8Array;
  /** Measured extent, µs (buildTrace's: a missing start or stop inferred). */
  startUs: Float64Array;
  stopUs: Float64Array;
  nameOf(i: number): string;
  /** Equal numbers for equal (project, service, host). */
  placeOf(i: number): number;
  placeTexts(place: number): { project: string; service: string; host: string };
};

/** The page's trace model as an OtlpTree. */
export function readOtlpTree(trace: Trace): OtlpTree {
  const text = (i: number) => trace.strings[i]!;
  const placeNumbers = new Map<string, number>();
  const places: { project: string; service: string; host: string }[] = [];
  const place = new Int32Array(trace.size);
  for (let i = 0; i < trace.size; i++) {
    const key = `${trace.project[i]} ${trace.service[i]} ${trace.host[i]}`;
    let number = placeNumbers.get(key);
    if (number === undefined) {
      number = places.push({ project: text(trace.project[i]!), service: text(trace.service[i]!), host: text(trace.host[i]!) }) - 1;
      placeNumbers.set(key, number);
    }
    place[i] = number;
  }
  return {
    size: trace.size,
    spanIdOf: (i) => trace.spanId[i]!,
    parent: trace.parent,
    flags: trace.flags,
    startUs: trace.startUs,
    stopUs: trace.stopUs,
    nameOf: (i) => text(trace.name[i]!),
    placeOf: (i) => place[i]!,
    placeTexts: (number) => places[number]!,
  };
}

export type OtlpSpanConverter = {
  size: number;
  spanIdOf(i: number): string;
  /** The resource of the tree's span i: one object per (project, service, host), which the serializer groups by. */
  resourceOf(i: number): Resource;
  /** The tree's span i; `span` is that span as received, raw payloads included. */
  convert(i: number, span: Span): OtlpReadableSpan;
};

/** Converts one span of `tree` at a time, so a streamed export needs only a batch's payloads. */
export function createOtlpSpanConverter(tree: OtlpTree, traceId: string): OtlpSpanConverter {
  const otlpTraceId = convertTraceIdToOtlp(traceId);
  const otlpSpanIds = packOtlpSpanIds(tree.size, tree.spanIdOf);
  const resources = new Map<number, Resource>();
  const resourceOf = (i: number): Resource => {
    const place = tree.placeOf(i);
    let resource = resources.get(place);
    if (!resource) {
      const { project, service, host } = tree.placeTexts(place);
      resource = resourceFromAttributes({
        "service.name": nameService(project, service),
        "service.namespace": project,
        "host.name": host,
        "osprofiler.project": project,
        "osprofiler.service": service,
      });
      resources.set(place, resource);
    }
    return resource;
  };
  const placeOf = tree.placeOf;

  const convert = (i: number, span: Span): OtlpReadableSpan => {
    const flags = tree.flags[i]!;
    const name = tree.nameOf(i);
    const p = tree.parent[i]!;
    const startTime = toHrTime(tree.startUs[i]!),
      endTime = toHrTime(tree.stopUs[i]!);
    const attributes: OtlpAttributes = {
      "osprofiler.name": name,
      "osprofiler.base_id": traceId,
      "osprofiler.trace_id": span.spanId,
      "osprofiler.parent_id": span.parentId,
      ...readOtlpAttributes(span.startPayload, span.stopPayload),
    };
    if (flags & SpanFlag.UNFINISHED) attributes["osprofiler.unfinished"] = true;
    if (flags & SpanFlag.NO_START) attributes["osprofiler.no_start"] = true;
    if (flags & SpanFlag.ORPHAN) attributes["osprofiler.orphan"] = true;
    if (flags & SpanFlag.CYCLE) attributes["osprofiler.parent_cycle"] = true;
    const error = span.error;
    if (error) attributes["error.type"] = error.type;
    const parentSpanId = p >= 0 ? otlpSpanIds.hexOf(p) : flags & SpanFlag.ORPHAN ? convertSpanIdToOtlp(span.parentId) : null;
    return {
      name: labelCallText(name, span.detail),
      kind: chooseKind(name, p >= 0 ? tree.nameOf(p) : null, p >= 0 && placeOf(p) !== placeOf(i)),
      spanContext: () => ({ traceId: otlpTraceId, spanId: otlpSpanIds.hexOf(i), traceFlags: TraceFlags.SAMPLED }),
      parentSpanContext:
        parentSpanId === null
          ? undefined
          : {
              traceId: otlpTraceId,
              spanId: parentSpanId,
              traceFlags: TraceFlags.SAMPLED,
              // Another service or host: the context came over the wire (HTTP headers, RPC message).
              isRemote: p < 0 || placeOf(p) !== placeOf(i),
            },
      startTime,
      endTime,
      duration: toHrTime(tree.stopUs[i]! - tree.startUs[i]!),
      status: error ? { code: SpanStatusCode.ERROR, message: error.message ?? error.type } : { code: SpanStatusCode.UNSET },
      attributes,
      links: [],
      events: error
        ? [
            {
              name: "exception",
              time: endTime,
              attributes: { "exception.type": error.type, ...(error.message === null ? {} : { "exception.message": error.message }) },
            },
          ]
        : [],
      ended: true,
      resource: resourceOf(i),
      instrumentationScope: SCOPE,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  };
  return { size: tree.size, spanIdOf: tree.spanIdOf, resourceOf, convert };
}

/** "nova" + "conductor" -> "nova-conductor"; "nova" + "nova-api" -> "nova-api". */
function nameService(project: string, service: string): string {
  if (service === project || service.startsWith(`${project}-`) || service.startsWith(`${project}_`)) return service;
  return `${project}-${service}`;
}

function chooseKind(name: string, parentName: string | null, parentElsewhere: boolean): SpanKind {
  if (name === "wsgi") return SpanKind.SERVER;
  if (name === "db") return SpanKind.CLIENT;
  if (name === "rpc") return parentName === "rpc" && parentElsewhere ? SpanKind.SERVER : SpanKind.CLIENT;
  return SpanKind.INTERNAL;
}

/** Integer microseconds since the epoch -> [seconds, nanoseconds], exact. */
function toHrTime(us: number): HrTime {
  const seconds = Math.floor(us / 1e6);
  return [seconds, (us - seconds * 1e6) * 1000];
}
