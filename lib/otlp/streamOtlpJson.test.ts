// The streamed OTLP/JSON must be the in-memory export's text byte for byte, with any batch size,
// from the page's trace model and from the compact plan the route uses (planOtlpExport), whose
// columns must be buildTrace's.
import { describe, expect, it } from "vitest";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span, SpanRow } from "../span/types";
import { buildTrace } from "../trace/buildTrace";
import { SpanFlag } from "../trace/types";
import { syntheticSpanRows } from "../../testing/syntheticSpanRows";
import { DRAWN_TRACE_ID, spansFromDrawing } from "../../testing/spansFromDrawing";
import { convertSpansToOtlp, createOtlpSpanConverter, readOtlpTree, type OtlpTree } from "./convertSpansToOtlp";
import { planOtlpExport } from "./planOtlpExport";
import { formatOtlpJson } from "./formatOtlpJson";
import { streamOtlpJson } from "./streamOtlpJson";

async function streamText(tree: OtlpTree, traceId: string, spans: readonly Span[], batch: number): Promise<string> {
  const byId = new Map<string, Span>();
  for (const span of spans) if (!byId.has(span.spanId)) byId.set(span.spanId, span);
  let text = "";
  const converter = createOtlpSpanConverter(tree, traceId);
  const decoder = new TextDecoder();
  // Byte chunks are whole batches of spans: each decodes on its own.
  for await (const chunk of streamOtlpJson(converter, (ids) => ids.map((id) => structuredClone(byId.get(id)!)), batch))
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk);
  return text;
}

/** The plan from payload-less rows, given in pages of `page` in an order of its own (the database's is span id). */
async function planOf(spans: readonly Span[], traceId: string, page = 3): Promise<OtlpTree> {
  const pages: Span[][] = [];
  for (let at = 0; at < spans.length; at += page) pages.push(spans.slice(at, at + page));
  // The finish lets the caller collect between its steps (before the tree, inside it, after it, after the columns).
  let reclaims = 0;
  const plan = await planOtlpExport(pages, traceId, () => reclaims++);
  expect(reclaims).toBe(4);
  return plan;
}

/** The plan has buildTrace's tree: same pre-order, parents, flags read by the export, measured times, names, places. */
function expectPlanIsTheModel(plan: OtlpTree, model: OtlpTree): void {
  const bits = SpanFlag.UNFINISHED | SpanFlag.NO_START | SpanFlag.ORPHAN | SpanFlag.CYCLE;
  expect(plan.size).toBe(model.size);
  const column = (tree: OtlpTree) =>
    Array.from({ length: tree.size }, (_, i) => [
      tree.spanIdOf(i),
      tree.parent[i],
      tree.flags[i]! & bits,
      tree.startUs[i],
      tree.stopUs[i],
      tree.nameOf(i),
      tree.placeTexts(tree.placeOf(i)),
    ]);
  expect(column(plan)).toEqual(column(model));
}

async function expectSameAsInMemory(rows: readonly SpanRow[], traceId: string, batches = [1, 7, 500]): Promise<void> {
  const spans = rows.map((row) => convertSpanRowToSpan(row, { payloads: true }));
  const expected = formatOtlpJson(convertSpansToOtlp(spans, traceId));
  // The tree from spans without payloads, as the compact trace reads them, and the route's plan.
  const bare = rows.map((row) => convertSpanRowToSpan(row, { payloads: false }));
  const model = readOtlpTree(buildTrace(bare, traceId));
  const plan = await planOf(
    [...bare].sort((a, b) => (a.spanId < b.spanId ? -1 : 1)),
    traceId,
    1000,
  );
  expectPlanIsTheModel(plan, model);
  for (const batch of batches) {
    expect(await streamText(model, traceId, spans, batch)).toBe(expected);
    expect(await streamText(plan, traceId, spans, batch)).toBe(expected);
  }
}

describe("streamOtlpJson", () => {
  it("writes synthetic traces (many services and hosts) byte for byte as the in-memory export", async () => {
    for (const [scenario, size, seed] of [
      ["boot-server", 400, 1],
      ["create-stack", 300, 2],
    ] as const) {
      const { rows, traceId } = syntheticSpanRows(scenario, size, seed);
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
    // A span id given twice: the first is kept, by the model and by the plan.
    const twice = [...spans, { ...spans[1]!, name: "again", startUs: 0 }];
    expect(formatOtlpJson(convertSpansToOtlp(twice, DRAWN_TRACE_ID))).toBe(formatOtlpJson(convertSpansToOtlp(spans, DRAWN_TRACE_ID)));
    for (const given of [spans, twice, [...twice].reverse()]) {
      const expected = formatOtlpJson(convertSpansToOtlp(given, DRAWN_TRACE_ID));
      const model = readOtlpTree(buildTrace(given, DRAWN_TRACE_ID));
      const plan = await planOf(given, DRAWN_TRACE_ID);
      expectPlanIsTheModel(plan, model);
      expect(await streamText(plan, DRAWN_TRACE_ID, given, 2)).toBe(expected);
      expect(await streamText(model, DRAWN_TRACE_ID, given, 2)).toBe(expected);
    }
  });

  it("writes traces of exactly one, two and a bit more batches the same (the batch and page edges)", async () => {
    const { rows, traceId } = syntheticSpanRows("boot-server", 1200, 3);
    expect(rows.length).toBeGreaterThan(1001);
    for (const size of [500, 1000, 1001]) await expectSameAsInMemory(rows.slice(0, size), traceId, [500, size]);
  });
});
