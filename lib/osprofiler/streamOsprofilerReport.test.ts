// The streamed report must be the in-memory report's text byte for byte (which the fixture tests
// hold to `osprofiler trace show --json`), whatever the batch size, indented or on one line.
import { describe, expect, it } from "vitest";
import type { Json } from "../notification/types";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import { syntheticSpanRows } from "../../testing/syntheticSpanRows";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { measureIndentBytes } from "./chooseReportIndent";
import { convertOsprofilerReportToDot } from "./convertOsprofilerReportToDot";
import { convertSpansToOsprofilerReport } from "./convertSpansToOsprofilerReport";
import { formatOsprofilerReport } from "./formatOsprofilerReport";
import { createOsprofilerReportPlanner } from "./planOsprofilerReport";
import { streamOsprofilerDot } from "./streamOsprofilerDot";
import { streamOsprofilerReport } from "./streamOsprofilerReport";

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

function plan(spans: readonly Span[], maxIndentBytes?: number) {
  const planner = createOsprofilerReportPlanner({ maxIndentBytes, expectedSpans: 4 });
  for (const span of spans) planner.add(span);
  return planner.finish();
}

/** Reads the planned spans as a database would: by id, a new object each time. */
const reader = (spans: readonly Span[]) => (ks: Uint32Array) => [...ks].map((k) => structuredClone(spans[k]!));

async function expectSameAsInMemory(spans: readonly Span[], maxIndentBytes?: number): Promise<void> {
  const expected = formatOsprofilerReport(convertSpansToOsprofilerReport(spans), maxIndentBytes);
  const expectedDot = convertOsprofilerReportToDot(convertSpansToOsprofilerReport(spans));
  for (const batch of [1, 7, 500]) {
    const p = plan(spans, maxIndentBytes);
    expect(await collect(streamOsprofilerReport(p, reader(spans), batch))).toBe(expected);
    expect(await collect(streamOsprofilerDot(p, reader(spans), batch))).toBe(expectedDot);
  }
}

function syntheticSpans(scenario: "boot-server" | "list-servers" | "create-stack", spanCount: number, seed: number): Span[] {
  // The database's order: by span id.
  return syntheticSpanRows(scenario, spanCount, seed).rows.map((row) => convertSpanRowToSpan(row));
}

describe("streamOsprofilerReport and streamOsprofilerDot", () => {
  it("print small trees as the in-memory report does: ties, orphans, cycles, a stop before its start, missing halves", async () => {
    await expectSameAsInMemory([]);
    await expectSameAsInMemory(spansFromDrawing(`wsgi#w api 0..100`));
    await expectSameAsInMemory(
      spansFromDrawing(`
        wsgi#w    api        0..100    path="GET /v2.1/servers"
        ├ db#d1   api        10..20    sql="SELECT 1"
        ├ db#d2   api        10..15
        ├ rpc#r   conductor  30..?     err=Timeout msg="no reply" fn=nova.conductor.manager.build
        │ └ db#d3 conductor  ?..50     parent=zzz
        └ x#e     api        60..55
        cyc#a     api        5..9      parent=b
        cyc#b     api        6..8      parent=a
        self#s    api        7..7      parent=s
        none#n    api        ?..?
      `),
    );
  });

  it("print synthetic traces byte for byte, indented and on one line, with any batch size", async () => {
    for (const [scenario, size, seed] of [
      ["boot-server", 300, 1],
      ["list-servers", 60, 2],
      ["create-stack", 400, 3],
    ] as const) {
      const spans = syntheticSpans(scenario, size, seed);
      await expectSameAsInMemory(spans);
      // Right at the indentation limit, and one byte under it.
      const indentBytes = measureIndentBytes(convertSpansToOsprofilerReport(spans) as unknown as Json, 2);
      await expectSameAsInMemory(spans, indentBytes);
      await expectSameAsInMemory(spans, indentBytes - 1);
      expect(plan(spans, indentBytes).indent).toBe(2);
      expect(plan(spans, indentBytes - 1).indent).toBeNull();
    }
  });

  it("keep duplicate span ids and trace_ids that differ from the span id as the in-memory report does", async () => {
    const spans = spansFromDrawing(`
      wsgi#w  api  0..100
      ├ db#d  api  10..20
      └ db#d  api  10..30
    `);
    spans[2] = { ...spans[2]!, startPayload: { ...spans[2]!.startPayload!, trace_id: "w" } };
    await expectSameAsInMemory(spans);
  });

  it("print a 5k-deep chain on one line without recursion", async () => {
    const n = 5_000;
    const id = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    const lines = Array.from({ length: n }, (_, i) => `db#${id(i)} api ${i}..${2 * n - i}${i > 0 ? ` parent=${id(i - 1)}` : ""}`);
    const spans = spansFromDrawing(lines.join("\n"));
    const p = plan(spans);
    expect(p.indent).toBeNull();
    expect(await collect(streamOsprofilerReport(p, reader(spans)))).toBe(formatOsprofilerReport(convertSpansToOsprofilerReport(spans)));
  });
});
