// The real thing: notifications that OSprofiler and oslo.messaging sent over RabbitMQ, and the
// reports OSprofiler itself built from them (tests/fixtures/osprofiler, made by capture.py).
// Messages go the whole way: decode -> stored rows -> spans -> trace model and reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeMessageBody } from "../notification/decodeMessage";
import { readOsprofilerReport } from "../osprofiler/readOsprofilerReport";
import type { Json, Notification } from "../notification/types";
import { convertNotificationToSpanRow } from "../span/convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import { mergeSpanRows } from "../span/mergeSpanRows";
import type { Span, SpanRow } from "../span/types";
import { buildTimelineRows } from "../trace/buildTimelineRows";
import { buildTrace } from "../trace/buildTrace";
import { computeBreakdowns } from "../trace/computeBreakdowns";
import { computeDbBreakdown } from "../trace/computeDbBreakdown";
import { convertCompactToTrace } from "../trace/convertCompactToTrace";
import { convertOsprofilerReportToDot } from "./convertOsprofilerReportToDot";
import { convertSpansToOsprofilerReport, type OsprofilerReport } from "./convertSpansToOsprofilerReport";
import { convertTraceToCompact } from "../trace/convertTraceToCompact";
import { createTraceView } from "../trace/createTraceView";
import { findSpanIndex } from "../trace/findSpanIndex";
import { formatJsonLikePython } from "./formatJsonLikePython";
import { readSpan } from "../trace/readSpan";
import { SpanFlag } from "../trace/types";

const DIR = join(__dirname, "../../tests/fixtures/osprofiler");
const read = (file: string) => readFileSync(join(DIR, file), "utf8");

type Manifest = {
  traces: { name: string; baseId: string; request: string; status: number; messages: number; lostStopSpanId: string | null }[];
};
const manifest = JSON.parse(read("manifest.json")) as Manifest;
const messages = JSON.parse(read("messages.json")) as { exchange: string; routing_key: string; body: string }[];
const trace = (name: string) => manifest.traces.find((t) => t.name === name)!;

function decodeAll(): Notification[] {
  return messages.map((m) => {
    const decoded = decodeMessageBody(new TextEncoder().encode(m.body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`fixture message not decoded: ${JSON.stringify(decoded)}`);
    return decoded;
  });
}

/** What the collector stores and the API reads back: one merged row per span, then spans with payloads. */
function spansOf(notifications: Notification[], traceId: string): Span[] {
  const rows = new Map<string, SpanRow>();
  for (const n of notifications) {
    if (n.traceId !== traceId) continue;
    const row = convertNotificationToSpanRow(n);
    const existing = rows.get(n.spanId);
    rows.set(n.spanId, existing ? mergeSpanRows(existing, row).row : row);
  }
  return [...rows.values()].map((row) => convertSpanRowToSpan(row));
}

const notifications = decodeAll();

describe("real OSprofiler messages", () => {
  it("all decode, on the routing key and exchanges OSprofiler's messaging driver uses", () => {
    expect(notifications).toHaveLength(manifest.traces.reduce((sum, t) => sum + t.messages, 0));
    expect(new Set(messages.map((m) => m.routing_key))).toEqual(new Set(["profiler.info"]));
    expect(new Set(notifications.map((n) => n.traceId))).toEqual(new Set(manifest.traces.map((t) => t.baseId)));
  });

  for (const { name } of manifest.traces) {
    it(`give OSprofiler's own report for trace "${name}", field for field`, () => {
      const expected = JSON.parse(read(`report-${name}.json`)) as OsprofilerReport;
      const spans = spansOf(notifications, trace(name).baseId);
      const report = convertSpansToOsprofilerReport(spans);
      expect(report).toStrictEqual(expected);
      // Whatever order the spans come in.
      expect(convertSpansToOsprofilerReport([...spans].reverse())).toStrictEqual(expected);
      // Same text too, byte for byte: keys in OSprofiler's order, inside the raw payloads as well.
      expect(formatJsonLikePython(report as unknown as Json) + "\n").toBe(read(`report-${name}.json`));
    });

    it(`print report-${name}.json byte for byte as \`osprofiler trace show --json\` does`, () => {
      const text = read(`report-${name}.json`);
      expect(formatJsonLikePython(JSON.parse(text)) + "\n").toBe(text);
    });

    it(`import report-${name}.json back into the same trace`, () => {
      const text = read(`report-${name}.json`);
      const imported = readOsprofilerReport(text);
      if ("error" in imported) throw new Error(imported.error);
      expect(imported.traceId).toBe(trace(name).baseId);
      expect(imported.skipped).toEqual([]);
      expect(
        formatJsonLikePython(convertSpansToOsprofilerReport(spansOf(imported.notifications, imported.traceId)) as unknown as Json) + "\n",
      ).toBe(text);
    });
  }

  it("boot: three services, the glance call and the conductor under nova-api, the quota N+1", () => {
    const { baseId, request } = trace("boot");
    const model = buildTrace(spansOf(notifications, baseId), baseId);
    expect(model.size).toBe(15);
    expect(Array.from(model.flags).every((f) => f === 0)).toBe(true);
    const root = readSpan(model, 0);
    expect(root).toMatchObject({ name: "wsgi", service: "nova-api", host: "ctl-1", detail: request, parentId: baseId });
    const glance = findSpanIndex(
      model,
      model.spanId.find((_, i) => model.strings[model.service[i]!] === "glance-api" && model.strings[model.name[i]!] === "wsgi")!,
    );
    expect(readSpan(model, model.parent[glance]!)).toMatchObject({ name: "compute_api", detail: "nova.compute.api.API.create" });

    const breakdowns = computeBreakdowns(createTraceView(model));
    expect(breakdowns.service.rows.map((r) => r.label).sort()).toEqual(["glance-api", "nova-api", "nova-conductor"]);
    expect(breakdowns.wallUs).toBe(model.finishedUs - model.startedUs);
    expect(breakdowns.service.rows.reduce((sum, r) => sum + r.criticalUs, 0) + breakdowns.untracedUs).toBe(breakdowns.wallUs);

    const db = computeDbBreakdown(createTraceView(model));
    expect(db.count).toBe(10);
    const quota = db.groups.find((g) => g.statement.includes("quota_usages"))!;
    expect(quota).toMatchObject({
      statement: "select in_use from quota_usages where project_id = ? and resource = ?",
      count: 4,
      nPlusOne: true,
      maxRepeats: 4,
    });
    expect(readSpan(model, quota.repeatedUnder[0]!.parent).name).toBe("compute_api");

    // Hiding DB spans leaves wsgi, compute_api, glance wsgi and the two rpc spans.
    const noDb = createTraceView(model, { hideDb: true });
    expect(buildTimelineRows(noDb, new Set()).count).toBe(5);
    expect(noDb.hidden.db).toBe(10);
  });

  it("not-found: the exception of the traced function and the SQL error are on their spans", () => {
    const { baseId } = trace("not-found");
    const model = buildTrace(spansOf(notifications, baseId), baseId);
    const errors = Array.from({ length: model.size }, (_, i) => readSpan(model, i)).filter((s) => s.error);
    expect(errors.map((s) => [s.name, s.error!.type])).toEqual([
      ["compute_api", "nova.exception.InstanceNotFound"],
      ["db", "sqlite3.OperationalError"],
    ]);
    expect(errors[0]!.error!.message).toBe("Instance 0b0e0c0a-0000-4000-8000-00000000dead could not be found.");
    expect(errors[1]!.error!.message).toContain("no such table: instance_faults");
    expect(computeDbBreakdown(createTraceView(model)).groups.find((g) => g.errors > 0)!.statement).toBe(
      "select id, instance_uuid from instance_faults where instance_uuid = ?",
    );
  });

  it("lost-stop: the rpc span is unfinished, measured until its db child ended, drawn to its parent's end", () => {
    const { baseId, lostStopSpanId } = trace("lost-stop");
    const model = buildTrace(spansOf(notifications, baseId), baseId);
    const rpc = findSpanIndex(model, lostStopSpanId!);
    expect(model.flags[rpc]).toBe(SpanFlag.UNFINISHED);
    expect(readSpan(model, rpc).stopUs).toBeNull();
    const child = rpc + 1;
    expect(model.parent[child]).toBe(rpc);
    expect(model.stopUs[rpc]).toBe(model.stopUs[child]);
    expect(model.displayStopUs[rpc]).toBe(model.stopUs[model.parent[rpc]!]);
  });

  it("survive the compact wire form unchanged", () => {
    for (const { baseId } of manifest.traces) {
      const model = buildTrace(spansOf(notifications, baseId), baseId);
      expect(convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(model))))).toEqual(model);
    }
  });

  it("draw as OSprofiler's dot graph", () => {
    const report = JSON.parse(read("report-boot.json")) as OsprofilerReport;
    const dot = convertOsprofilerReportToDot(report);
    const wsgi = report.children[0]!.info;
    expect(
      dot.startsWith(
        `digraph {\n\t0 [label="total - ${report.info.finished} ms"]\n\t1 [label="nova-api:wsgi - ${(wsgi.finished as number) - (wsgi.started as number)} ms\\nPOST /v2.1/servers.."]\n`,
      ),
    ).toBe(true);
    expect(dot).toMatch(/\[label="nova-conductor:rpc - \d+ ms\\nschedule_and_build_instances"\]/);
    expect(dot.match(/ -> /g)).toHaveLength(15);
    expect(dot.endsWith("\t0 -> 1\n}\n")).toBe(true);
  });
});
