// writeOtlpSpanJson must write each span exactly as OpenTelemetry's JSON serializer does inside a
// request: checked on every span of synthetic traces and a drawn one (errors, orphans, cycles,
// missing times), and on spans built by hand with what the converter never makes (numbers,
// arrays, links, trace state, no status message, times before 1970 or with fractions).
import { resourceFromAttributes } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import { DRAWN_TRACE_ID, spansFromDrawing } from "../../testing/spansFromDrawing";
import { syntheticSpanRows } from "../../testing/syntheticSpanRows";
import { convertSpansToOtlp, type OtlpReadableSpan } from "./convertSpansToOtlp";
import { formatOtlpJson } from "./formatOtlpJson";
import { writeNanos, writeOtlpSpanJson } from "./writeOtlpSpanJson";

/** The serializer's request of one span, cut where its spans array is (one resource, one scope). */
function serializerText(span: OtlpReadableSpan): string {
  const request = formatOtlpJson([span]);
  const at = request.indexOf('"spans":[') + '"spans":['.length;
  expect(request.endsWith("]}]}]}")).toBe(true);
  return request.slice(at, -"]}]}]}".length);
}

const resource = resourceFromAttributes({ "service.name": "nova-api" });

function handMade(overrides: Partial<OtlpReadableSpan>): OtlpReadableSpan {
  return {
    name: "call",
    kind: 1,
    spanContext: () => ({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 }),
    parentSpanContext: undefined,
    startTime: [1_700_000_000, 5],
    endTime: [1_700_000_001, 999_999_999],
    duration: [1, 999_999_994],
    status: { code: 0 },
    attributes: {},
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: { name: "osprofiler" },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  } as OtlpReadableSpan;
}

describe("writeOtlpSpanJson", () => {
  it("writes every span of synthetic and drawn traces as the serializer does", () => {
    const traces = [syntheticSpanRows("boot-server", 600, 11), syntheticSpanRows("create-stack", 400, 12)].map(({ rows, traceId }) =>
      convertSpansToOtlp(
        rows.map((row) => convertSpanRowToSpan(row, { payloads: true })),
        traceId,
      ),
    );
    const drawn = spansFromDrawing(`
      wsgi#w    nova-api   0..100   path="GET /v2.1/servers?x=\\"é\\""
      ├ db#d1   nova-api   10..20   sql="SELECT 1"
      └ rpc#r   conductor  30..?    err=Timeout msg="no reply"
        └ db#d3 conductor  ?..50    parent=zzz
      cyc#a     nova-api   5..9     parent=b
      cyc#b     nova-api   6..8     parent=a
    `);
    traces.push(convertSpansToOtlp(drawn, DRAWN_TRACE_ID));
    let spans = 0;
    for (const trace of traces)
      for (const span of trace) {
        expect(writeOtlpSpanJson(span)).toBe(serializerText(span));
        spans++;
      }
    expect(spans).toBeGreaterThan(400);
    // Errors (status message, exception event), orphans (a parent id but no parent) and remote parents are among them.
    const all = traces.flat();
    expect(all.some((s) => s.events.length > 0 && s.status.message !== undefined)).toBe(true);
    expect(all.some((s) => s.parentSpanContext?.isRemote)).toBe(true);
    expect(all.some((s) => s.parentSpanContext && !s.parentSpanContext.isRemote)).toBe(true);
  });

  it("writes what the converter never makes as the serializer does", () => {
    const cases: Partial<OtlpReadableSpan>[] = [
      { attributes: { int: 42, negative: -7, double: 1.5, big: 1e21, tiny: 5e-324, no: false, text: 'quote " \\ \n \u0001 \ud800' } },
      { attributes: { list: ["a", "b"], numbers: [1, 2.5], empty: [], bytes: new Uint8Array([0, 255, 7]) } as never },
      { attributes: { map: { b: 1, a: ["x", 2.5], nested: { deep: true }, none: {} }, maps: [{ k: "v" }] } as never },
      {
        status: { code: 2 },
        events: [
          { name: "e", time: [1, 2], attributes: undefined } as never,
          { name: "f", time: [3, 4], droppedAttributesCount: 3 } as never,
        ],
      },
      { status: { code: 1, message: "" } },
      { kind: undefined as never, droppedAttributesCount: 5, droppedEventsCount: 2, droppedLinksCount: 1 },
      {
        parentSpanContext: { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "00f067aa0ba902b7", traceFlags: 1, isRemote: true },
        links: [
          {
            context: { traceId: "11111111111111111111111111111111", spanId: "2222222222222222", traceFlags: 0, isRemote: false },
            attributes: { k: "v" },
          },
          {
            context: { traceId: "33333333333333333333333333333333", spanId: "4444444444444444", traceFlags: 1 },
            droppedAttributesCount: 2,
          },
        ],
      },
      { parentSpanContext: { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "", traceFlags: 1 } },
      {
        spanContext: () => ({
          traceId: "0af7651916cd43dd8448eb211c80319c",
          spanId: "b7ad6b7169203331",
          traceFlags: 0x1ff,
          traceState: { serialize: () => "a=1,b=2" } as never,
        }),
      },
      { startTime: [0, 0], endTime: [-1, 999_999_000] },
      { startTime: [12.9, 3.7], endTime: [9_007_199_254_740_993, 1] },
    ];
    for (const overrides of cases) {
      const span = handMade(overrides);
      expect(writeOtlpSpanJson(span)).toBe(serializerText(span));
    }
  });

  it("writes nanoseconds as the serializer's BigInt sum", () => {
    for (const time of [
      [1_700_000_000, 0],
      [1_700_000_000, 999_999_999],
      [1, 1],
      [0, 5],
      [-3, 400],
      [2 ** 53, 7],
      [5, 1e9 + 3],
    ] as const)
      expect(writeNanos([...time])).toBe((BigInt(Math.trunc(time[0])) * 1_000_000_000n + BigInt(Math.trunc(time[1]))).toString());
  });
});
