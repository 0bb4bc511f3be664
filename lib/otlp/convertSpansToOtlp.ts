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
import { labelCall } from "../trace/labelCall";
import { SpanFlag, type Trace } from "../trace/types";
import { assignOtlpSpanIds, convertSpanIdToOtlp, convertTraceIdToOtlp } from "./otlpIds";
import { readOtlpAttributes, type OtlpAttributes } from "./readOtlpAttributes";

/** The SDK's finished span, as OTLP's serializers take it. */
export type OtlpReadableSpan = Parameters<typeof JsonTraceSerializer.serializeRequest>[0][number];

const SCOPE = { name: "osprofiler" };

export function convertSpansToOtlp(spans: readonly Span[], traceId: string): OtlpReadableSpan[] {
  const trace = buildTrace(spans, traceId);
  const received = new Map<string, Span>();
  for (const span of spans) if (!received.has(span.spanId)) received.set(span.spanId, span);
  const converter = createOtlpSpanConverter(trace, traceId);
  return Array.from({ length: trace.size }, (_, i) => converter.convert(i, received.get(trace.spanId[i]!)!));
}

export type OtlpSpanConverter = {
  /** The resource of the trace's span i: one object per (project, service, host), which the serializer groups by. */
  resourceOf(i: number): Resource;
  /** The trace's span i; `span` is that span as received, raw payloads included. */
  convert(i: number, span: Span): OtlpReadableSpan;
};

/** Converts one span of `trace` at a time, so a streamed export needs only a batch's payloads. */
export function createOtlpSpanConverter(trace: Trace, traceId: string): OtlpSpanConverter {
  const otlpTraceId = convertTraceIdToOtlp(traceId);
  const otlpSpanIds = assignOtlpSpanIds(trace.spanId);
  const text = (i: number) => trace.strings[i]!;
  const resources = new Map<string, Resource>();
  const resourceOf = (i: number): Resource => {
    const project = text(trace.project[i]!),
      service = text(trace.service[i]!),
      host = text(trace.host[i]!);
    const key = JSON.stringify([project, service, host]);
    let resource = resources.get(key);
    if (!resource) {
      resource = resourceFromAttributes({
        "service.name": nameService(project, service),
        "service.namespace": project,
        "host.name": host,
        "osprofiler.project": project,
        "osprofiler.service": service,
      });
      resources.set(key, resource);
    }
    return resource;
  };
  const placeOf = (i: number) => `${trace.project[i]} ${trace.service[i]} ${trace.host[i]}`;

  const convert = (i: number, span: Span): OtlpReadableSpan => {
    const flags = trace.flags[i]!;
    const name = text(trace.name[i]!);
    const p = trace.parent[i]!;
    const startTime = toHrTime(trace.startUs[i]!),
      endTime = toHrTime(trace.stopUs[i]!);
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
    const parentSpanId = p >= 0 ? otlpSpanIds[p]! : flags & SpanFlag.ORPHAN ? convertSpanIdToOtlp(span.parentId) : null;
    return {
      name: labelCall(trace, i),
      kind: chooseKind(name, p >= 0 ? text(trace.name[p]!) : null, p >= 0 && placeOf(p) !== placeOf(i)),
      spanContext: () => ({ traceId: otlpTraceId, spanId: otlpSpanIds[i]!, traceFlags: TraceFlags.SAMPLED }),
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
      duration: toHrTime(trace.stopUs[i]! - trace.startUs[i]!),
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
  return { resourceOf, convert };
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
