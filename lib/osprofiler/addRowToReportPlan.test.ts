// Rows planned with their rests parsed only where needed must give the plan, and so the report
// and the dot, that fully parsed spans give: indented, on one line decided early, or for the dot.
import { describe, expect, it } from "vitest";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import { compactPayload, deriveNestedFields, derivePayloadFields } from "../span/payloadRest";
import type { SpanRow } from "../span/types";
import { syntheticSpanRows } from "../../testing/syntheticSpanRows";
import { addRowToReportPlan } from "./addRowToReportPlan";
import { convertOsprofilerReportToDot } from "./convertOsprofilerReportToDot";
import { convertSpansToOsprofilerReport } from "./convertSpansToOsprofilerReport";
import { formatOsprofilerReport } from "./formatOsprofilerReport";
import { createOsprofilerReportPlanner } from "./planOsprofilerReport";
import { streamOsprofilerDot } from "./streamOsprofilerDot";
import { streamOsprofilerReport } from "./streamOsprofilerReport";

/** The row with its start payload's `key` set to `value`, stored as ingest would store it. */
function withStartField(row: SpanRow, key: string, value: string): SpanRow {
  const payload = convertSpanRowToSpan(row).startPayload!;
  const info = key === "host" ? { ...(payload.info as object), host: value } : payload.info!;
  const changed = { ...payload, info, ...(key === "host" ? {} : { [key]: value }) };
  const startRest = compactPayload(changed, derivePayloadFields(row, "start", row.startUs!), deriveNestedFields(row, "start"));
  return { ...row, startRest };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe("addRowToReportPlan", () => {
  const { rows } = syntheticSpanRows("create-stack", 300, 5);
  // Rests that rename a node: its trace_id (another span's id), name, project, service, host.
  const started = rows.filter((r) => r.startUs !== null && r.startRest !== null);
  const edited = new Map([
    [started[3]!.spanId, withStartField(started[3]!, "trace_id", started[10]!.spanId)],
    [started[20]!.spanId, withStartField(started[20]!, "project", "elsewhere")],
    [started[30]!.spanId, withStartField(started[30]!, "name", "renamed-start")],
    [started[40]!.spanId, withStartField(started[40]!, "service", "other-service")],
    [started[50]!.spanId, withStartField(started[50]!, "host", "other-host")],
    [started[60]!.spanId, withStartField(started[60]!, "parent_id", started[0]!.spanId)],
  ]);
  const given = rows.map((r) => edited.get(r.spanId) ?? r);
  const spans = given.map((row) => convertSpanRowToSpan(row));
  const readSpans = (ks: Uint32Array) => [...ks].map((k) => structuredClone(spans[k]!));

  it("plans as fully parsed spans do: indented, on one line decided after the first node, and for the dot", async () => {
    const report = convertSpansToOsprofilerReport(spans);
    const dot = convertOsprofilerReportToDot(report);
    for (const options of [{}, { maxIndentBytes: 0 }, { maxIndentBytes: 50_000 }, { indent: false }]) {
      const planner = createOsprofilerReportPlanner(options);
      const asked: boolean[] = [];
      for (const row of given) {
        asked.push(planner.wantsPayloads);
        addRowToReportPlan(planner, row);
      }
      const plan = planner.finish();
      if ("maxIndentBytes" in options || "indent" in options) expect(asked.slice(-100)).not.toContain(true);
      else expect(asked).not.toContain(false);
      const full = createOsprofilerReportPlanner(options);
      for (const span of spans) full.add(span);
      const expected = full.finish();
      expect(plan.indent).toBe(expected.indent);
      expect([...plan.order]).toEqual([...expected.order]);
      expect([...plan.childCounts]).toEqual([...expected.childCounts]);
      expect(plan.stats).toEqual(expected.stats);
      if (!("indent" in options))
        expect(await collect(streamOsprofilerReport(plan, readSpans, 50))).toBe(formatOsprofilerReport(report, options.maxIndentBytes));
      expect(await collect(streamOsprofilerDot(plan, readSpans, 50))).toBe(dot);
    }
  });

  it("the edited rests do rename their nodes (so the test above exercises them)", () => {
    const report = JSON.stringify(convertSpansToOsprofilerReport(spans));
    for (const text of ["elsewhere", "renamed", "other-service", "other-host"]) expect(report).toContain(text);
    const plain = JSON.stringify(convertSpansToOsprofilerReport(rows.map((row) => convertSpanRowToSpan(row))));
    expect(report).not.toBe(plain);
  });
});
