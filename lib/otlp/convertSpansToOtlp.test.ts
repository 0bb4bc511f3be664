// The OTLP export checked three ways: against the OTLP/JSON rules of the spec, through the
// official OTLP protobuf schema (OpenTelemetry's own protobufjs build of opentelemetry-proto:
// our JSON parsed by the schema's JSON mapping must be the message that OpenTelemetry's
// protobuf serializer writes for the same spans), and back to the OSprofiler tree it came from.
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import schemaRoot from "otlp-transformer-protobufjs/build/src/generated/root";
import { describe, expect, it } from "vitest";
import { DRAWN_TRACE_ID, spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { convertSpansToOtlp } from "./convertSpansToOtlp";
import { formatOtlpJson } from "./formatOtlpJson";

/** The generated (static) message class; its typings only say "a protobufjs Root". */
type ProtoMessage = { readonly __brand: "message" };
type MessageClass = {
  fromObject(object: Record<string, unknown>): ProtoMessage;
  verify(message: unknown): string | null;
  encode(message: ProtoMessage): { finish(): Uint8Array };
  decode(bytes: Uint8Array): ProtoMessage;
  toObject(message: ProtoMessage, options: Record<string, unknown>): Record<string, unknown>;
};
const ExportTraceServiceRequest = (
  schemaRoot as unknown as { opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: MessageClass } } } } } }
).opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

type AnyValue = { stringValue?: string; boolValue?: boolean; intValue?: number | string; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  flags: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  events: { name: string; timeUnixNano: string; attributes: KeyValue[] }[];
  status: { code?: number; message?: string };
};
type OtlpJson = { resourceSpans: { resource: { attributes: KeyValue[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[] };

const drawing = `
  wsgi#w      osapi_compute  0..5000       path="POST /v2.1/servers" host=ctl-1
  ├ db#d1     osapi_compute  100..300      sql="SELECT * FROM instances WHERE uuid = %(uuid)s" host=ctl-1
  └ rpc#c     osapi_compute  400..450      fn=nova.conductor.rpcapi.ComputeTaskAPI.build host=ctl-1
    └ rpc#s   conductor      600..9000     fn=nova.conductor.manager.ComputeTaskManager.build host=ctl-2 err=oslo_messaging.MessagingTimeout msg="no reply on <topic>"
      ├ db#d2 conductor      700..?        sql="UPDATE instances SET task_state = 'x'" host=ctl-2
      └ rpc#o conductor      800..900      parent=gone host=ctl-2
`;

function attr(list: KeyValue[], key: string): AnyValue["stringValue"] | boolean | number | undefined {
  const value = list.find((kv) => kv.key === key)?.value;
  return value === undefined
    ? undefined
    : (value.stringValue ?? value.boolValue ?? (value.intValue === undefined ? undefined : Number(value.intValue)));
}

function exportDrawing() {
  const spans = spansFromDrawing(drawing);
  const readable = convertSpansToOtlp(spans, DRAWN_TRACE_ID);
  const text = formatOtlpJson(readable);
  return { spans, readable, text, json: JSON.parse(text) as OtlpJson };
}

function allSpans(json: OtlpJson): { span: OtlpSpan; resource: KeyValue[] }[] {
  return json.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => ({ span, resource: r.resource.attributes }))));
}

/**
 * OTLP/JSON -> protobufjs's object form of the same message: ids hex -> bytes (base64), int64
 * as strings, and proto3 default values (0, "", []) dropped: an encoder may write them or not.
 */
function toProtobufObject(value: unknown, key = ""): unknown {
  return stripDefaults(value, key, true);
}

function stripDefaults(value: unknown, key = "", fromJson = false): unknown {
  if (Array.isArray(value)) return value.map((v) => stripDefaults(v, "", fromJson));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const converted = stripDefaults(v, k, fromJson);
      if (converted === undefined || converted === 0 || converted === "" || (Array.isArray(converted) && converted.length === 0)) continue;
      out[k] = converted;
    }
    return out;
  }
  if (!fromJson) return value;
  if (typeof value === "string" && /^(traceId|spanId|parentSpanId)$/.test(key)) return Buffer.from(value, "hex").toString("base64");
  if (key === "intValue") return String(value);
  return value;
}

const TO_OBJECT = { longs: String, enums: Number, bytes: String, defaults: false } as const;

describe("convertSpansToOtlp + formatOtlpJson", () => {
  it("follows OTLP/JSON's rules: hex ids of 32 and 16 digits, times as decimal strings of nanoseconds, enums as integers", () => {
    const { spans, json } = exportDrawing();
    const otlp = allSpans(json);
    expect(otlp).toHaveLength(spans.length);
    for (const { span } of otlp) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      if (span.parentSpanId) expect(span.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toMatch(/^\d+$/);
      expect(span.endTimeUnixNano).toMatch(/^\d+$/);
      expect(Number.isInteger(span.kind)).toBe(true);
    }
    expect(new Set(otlp.map((o) => o.span.spanId)).size).toBe(spans.length);
    const root = otlp.find((o) => attr(o.span.attributes, "osprofiler.trace_id") === "w")!.span;
    // Nanoseconds exactly: T0 + 5000 µs, beyond what a double holds as nanoseconds.
    expect(root.startTimeUnixNano).toBe(`${BigInt(T0) * 1000n}`);
    expect(root.endTimeUnixNano).toBe(`${(BigInt(T0) + 5000n) * 1000n}`);
    expect(root.traceId).toBe(DRAWN_TRACE_ID.replace(/-/g, ""));
  });

  it("is, field for field, the message OpenTelemetry's protobuf serializer writes for the same spans, read through the OTLP schema", () => {
    const { readable, json } = exportDrawing();
    const fromJson = ExportTraceServiceRequest.fromObject(toProtobufObject(json) as Record<string, unknown>);
    expect(ExportTraceServiceRequest.verify(fromJson)).toBeNull();
    const binary = ProtobufTraceSerializer.serializeRequest(readable)!;
    const fromBinary = ExportTraceServiceRequest.decode(binary);
    const read = (message: ProtoMessage) => stripDefaults(ExportTraceServiceRequest.toObject(message, TO_OBJECT));
    expect(read(fromJson)).toStrictEqual(read(fromBinary));
    // And nothing in our JSON is a field the schema does not have (fromObject would drop it
    // silently), but Span.flags (field 16, W3C flags and the is-remote bits), which this build of
    // the schema predates: it skips that field in the binary too, as an older reader would.
    const withoutFlags = JSON.parse(JSON.stringify(json, (key, value: unknown) => (key === "flags" ? undefined : value))) as OtlpJson;
    expect(read(fromJson)).toStrictEqual(toProtobufObject(withoutFlags));
    // The binary round trip through the schema changes nothing.
    const again = ExportTraceServiceRequest.decode(ExportTraceServiceRequest.encode(fromJson).finish());
    expect(read(again)).toStrictEqual(read(fromJson));
  });

  it("gives back the OSprofiler tree: every span once, its parent, its times, its ids", () => {
    const { spans, json } = exportDrawing();
    const otlp = allSpans(json);
    const byOtlpId = new Map(otlp.map((o) => [o.span.spanId, o.span]));
    const back = otlp.map(({ span }) => {
      const parent = span.parentSpanId ? byOtlpId.get(span.parentSpanId) : undefined;
      return {
        spanId: attr(span.attributes, "osprofiler.trace_id"),
        parentInExport: parent ? attr(parent.attributes, "osprofiler.trace_id") : null,
        parentId: attr(span.attributes, "osprofiler.parent_id"),
        startUs: Number(BigInt(span.startTimeUnixNano) / 1000n) - T0,
        stopUs: Number(BigInt(span.endTimeUnixNano) / 1000n) - T0,
      };
    });
    expect(back.sort((a, b) => String(a.spanId).localeCompare(String(b.spanId)))).toStrictEqual([
      { spanId: "c", parentInExport: "w", parentId: "w", startUs: 400, stopUs: 450 },
      { spanId: "d1", parentInExport: "w", parentId: "w", startUs: 100, stopUs: 300 },
      // No stop arrived: it ran at least until its start (nothing under it says longer).
      { spanId: "d2", parentInExport: "s", parentId: "s", startUs: 700, stopUs: 700 },
      { spanId: "o", parentInExport: null, parentId: "gone", startUs: 800, stopUs: 900 },
      { spanId: "s", parentInExport: "c", parentId: "c", startUs: 600, stopUs: 9000 },
      { spanId: "w", parentInExport: null, parentId: DRAWN_TRACE_ID, startUs: 0, stopUs: 5000 },
    ]);
    expect(spans.map((s) => s.spanId).sort()).toEqual(back.map((b) => b.spanId));
    // An orphan points at the parent it named (hashed: "gone" is no UUID), which is not in the export.
    const orphan = otlp.find((o) => attr(o.span.attributes, "osprofiler.trace_id") === "o")!.span;
    expect(orphan.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(attr(orphan.attributes, "osprofiler.orphan")).toBe(true);
  });

  it("puts each (project, service, host) in its own resource with service.name and host.name", () => {
    const { json } = exportDrawing();
    const resources = json.resourceSpans.map((r) => ({
      service: attr(r.resource.attributes, "service.name"),
      namespace: attr(r.resource.attributes, "service.namespace"),
      host: attr(r.resource.attributes, "host.name"),
      scope: r.scopeSpans.map((s) => s.scope.name),
      spans: r.scopeSpans.flatMap((s) => s.spans.map((span) => attr(span.attributes, "osprofiler.trace_id"))),
    }));
    expect(resources).toStrictEqual([
      { service: "nova-osapi_compute", namespace: "nova", host: "ctl-1", scope: ["osprofiler"], spans: ["w", "d1", "c"] },
      { service: "nova-conductor", namespace: "nova", host: "ctl-2", scope: ["osprofiler"], spans: ["s", "d2", "o"] },
    ]);
  });

  it("maps the OSprofiler type to the span kind and the info to semantic-convention attributes", () => {
    const { json } = exportDrawing();
    const byId = new Map(allSpans(json).map((o) => [attr(o.span.attributes, "osprofiler.trace_id"), o.span]));
    const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 };
    const w = byId.get("w")!,
      d1 = byId.get("d1")!,
      c = byId.get("c")!,
      s = byId.get("s")!,
      d2 = byId.get("d2")!;
    expect([w.kind, d1.kind, c.kind, s.kind, byId.get("o")!.kind]).toEqual([
      KIND.SERVER,
      KIND.CLIENT,
      KIND.CLIENT,
      KIND.SERVER,
      KIND.CLIENT,
    ]);
    expect(w.name).toBe("POST /v2.1/servers");
    expect([attr(w.attributes, "http.request.method"), attr(w.attributes, "url.path"), attr(w.attributes, "url.scheme")]).toEqual([
      "POST",
      "/v2.1/servers",
      "http",
    ]);
    expect(d1.name).toBe("SELECT … FROM instances");
    expect([attr(d1.attributes, "db.system"), attr(d1.attributes, "db.statement"), attr(d1.attributes, "osprofiler.db.params")]).toEqual([
      "other_sql",
      "SELECT * FROM instances WHERE uuid = %(uuid)s",
      "{}",
    ]);
    expect(c.name).toBe("ComputeTaskAPI.build");
    expect([attr(c.attributes, "code.function.name"), attr(c.attributes, "osprofiler.function.args")]).toEqual([
      "nova.conductor.rpcapi.ComputeTaskAPI.build",
      "()",
    ]);
    expect(attr(d2.attributes, "osprofiler.unfinished")).toBe(true);
    // The handler's context crossed a process boundary; the caller's did not.
    expect(s.flags & 0x300).toBe(0x300);
    expect(c.flags & 0x300).toBe(0x100);
  });

  it("marks a span whose stop carried an exception as an error with an exception event at its stop", () => {
    const { json } = exportDrawing();
    const byId = new Map(allSpans(json).map((o) => [attr(o.span.attributes, "osprofiler.trace_id"), o.span]));
    const s = byId.get("s")!;
    expect(s.status).toStrictEqual({ code: 2, message: "no reply on <topic>" });
    expect(attr(s.attributes, "error.type")).toBe("oslo_messaging.MessagingTimeout");
    expect(s.events).toHaveLength(1);
    expect(s.events[0]!.name).toBe("exception");
    expect(s.events[0]!.timeUnixNano).toBe(s.endTimeUnixNano);
    expect(s.events[0]!.attributes).toStrictEqual([
      { key: "exception.type", value: { stringValue: "oslo_messaging.MessagingTimeout" } },
      { key: "exception.message", value: { stringValue: "no reply on <topic>" } },
    ]);
    expect(byId.get("w")!.status.code ?? 0).toBe(0);
  });

  it("cuts a parent cycle so a viewer never walks one", () => {
    const spans = spansFromDrawing(`
      db#a  api  0..10  parent=b
      db#b  api  1..9   parent=a
    `);
    const otlp = allSpans(JSON.parse(formatOtlpJson(convertSpansToOtlp(spans, DRAWN_TRACE_ID))) as OtlpJson);
    const parentOf = new Map(otlp.map((o) => [o.span.spanId, o.span.parentSpanId || null]));
    for (const start of parentOf.keys()) {
      const seen = new Set<string>();
      for (let at: string | null | undefined = start; at; at = parentOf.get(at)) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
      }
    }
    expect(otlp.filter((o) => attr(o.span.attributes, "osprofiler.parent_cycle") === true)).toHaveLength(1);
  });
});
