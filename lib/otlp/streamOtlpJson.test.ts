// The streamed OTLP/JSON must be the in-memory export's text byte for byte, with any batch size.
import { describe, expect, it } from "vitest";
import { decodeMessageBody } from "../notification/decodeMessage";
import { convertNotificationToSpanRow } from "../span/convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import { mergeSpanRows } from "../span/mergeSpanRows";
import type { SpanRow } from "../span/types";
import { buildTrace } from "../trace/buildTrace";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "../../testing/synthetic";
import { DRAWN_TRACE_ID, spansFromDrawing } from "../../testing/spansFromDrawing";
import { convertSpansToOtlp } from "./convertSpansToOtlp";
import { formatOtlpJson } from "./formatOtlpJson";
import { streamOtlpJson } from "./streamOtlpJson";

async function expectSameAsInMemory(rows: readonly SpanRow[], traceId: string): Promise<void> {
  const spans = rows.map((row) => convertSpanRowToSpan(row, { payloads: true }));
  const expected = formatOtlpJson(convertSpansToOtlp(spans, traceId));
  // The tree from spans without payloads, as the compact trace reads them.
  const trace = buildTrace(
    rows.map((row) => convertSpanRowToSpan(row, { payloads: false })),
    traceId,
  );
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (const batch of [1, 7, 500]) {
    let text = "";
    for await (const chunk of streamOtlpJson(trace, traceId, (ids) => ids.map((id) => structuredClone(byId.get(id)!)), batch))
      text += chunk;
    expect(text).toBe(expected);
  }
}

function syntheticRows(scenario: "boot-server" | "create-stack", spanCount: number, seed: number): { rows: SpanRow[]; traceId: string } {
  const rows = new Map<string, SpanRow>();
  let traceId = "";
  for (const n of generateProfilerNotifications({
    scenario,
    spanCount,
    traces: 1,
    errorRate: 0.5,
    seed,
    messiness: { dropStopRate: 0.05, duplicateRate: 0.02, shuffleWindow: 50, clockSkewUs: 20_000 },
  })) {
    const decoded = decodeMessageBody(new TextEncoder().encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error("synthetic notification not decodable");
    traceId = decoded.traceId;
    const row = convertNotificationToSpanRow(decoded);
    const existing = rows.get(decoded.spanId);
    rows.set(decoded.spanId, existing ? mergeSpanRows(existing, row).row : row);
  }
  return { rows: [...rows.values()], traceId };
}

describe("streamOtlpJson", () => {
  it("writes synthetic traces (many services and hosts) byte for byte as the in-memory export", async () => {
    for (const [scenario, size, seed] of [
      ["boot-server", 400, 1],
      ["create-stack", 300, 2],
    ] as const) {
      const { rows, traceId } = syntheticRows(scenario, size, seed);
      await expectSameAsInMemory(rows, traceId);
    }
  });

  it("writes an empty trace and a drawn one with orphans and a cycle", async () => {
    await expectSameAsInMemory([], DRAWN_TRACE_ID);
    const spans = spansFromDrawing(`
      wsgi#w    nova-api   0..100   path="GET /v2.1/servers"
      ├ db#d1   nova-api   10..20   sql="SELECT 1"
      └ rpc#r   conductor  30..?    err=Timeout msg="no reply"
        └ db#d3 conductor  ?..50    parent=zzz
      cyc#a     nova-api   5..9     parent=b
      cyc#b     nova-api   6..8     parent=a
    `);
    const trace = buildTrace(spans, DRAWN_TRACE_ID);
    const expected = formatOtlpJson(convertSpansToOtlp(spans, DRAWN_TRACE_ID));
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    let text = "";
    for await (const chunk of streamOtlpJson(trace, DRAWN_TRACE_ID, (ids) => ids.map((id) => byId.get(id)!), 2)) text += chunk;
    expect(text).toBe(expected);
  });
});
