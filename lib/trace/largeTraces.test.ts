// 100k-span traces of both extreme shapes through every step, checking results (not speed:
// timings belong in bench/). Spans are made directly, the drawing helper is for small trees.
import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { buildTimelineRows } from "./buildTimelineRows";
import { buildTrace } from "./buildTrace";
import { expandToLevel } from "./expandToLevel";
import { computeBreakdowns } from "./computeBreakdowns";
import { computeDbBreakdown } from "./computeDbBreakdown";
import { convertCompactToTrace } from "./convertCompactToTrace";
import { convertTraceToCompact } from "./convertTraceToCompact";
import { createTraceView } from "./createTraceView";

const T0 = Date.UTC(2024, 4, 1) * 1000;
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

function span(i: number, parent: number, name: string, service: string, start: number, stop: number | null, detail: string | null): Span {
  return {
    traceId: "T",
    spanId: id(i),
    parentId: parent < 0 ? "T" : id(parent),
    name,
    project: "nova",
    service,
    host: `host-${i % 3}`,
    startUs: T0 + start,
    stopUs: stop === null ? null : T0 + stop,
    error: null,
    detail,
    startPayload: null,
    stopPayload: null,
  };
}

// wsgi -> 1000 rpc calls -> each 99 db calls (100,001 spans) (the same quota query 99 times: N+1 under every rpc).
function fanOut(): Span[] {
  const spans = [span(0, -1, "wsgi", "nova-api", 0, 10_000_000, "POST /v2.1/servers")];
  for (let r = 0; r < 1000; r++) {
    const rpc = spans.length;
    spans.push(
      span(rpc, 0, "rpc", r % 2 ? "nova-conductor" : "nova-compute", r * 10_000, r * 10_000 + 9_900, `nova.conductor.manager.f${r % 10}`),
    );
    for (let d = 0; d < 99; d++)
      spans.push(
        span(
          spans.length,
          rpc,
          "db",
          "nova-conductor",
          r * 10_000 + d * 100,
          r * 10_000 + d * 100 + 50,
          `SELECT in_use FROM quota_usages WHERE resource = '${d % 7}'`,
        ),
      );
  }
  return spans.reverse();
}

// A 100k-deep chain alternating rpc and db, the last stop lost.
function chain(): Span[] {
  const n = 100_000;
  return Array.from({ length: n }, (_, i) =>
    span(i, i - 1, i % 2 ? "db" : "rpc", "svc", i, i === n - 1 ? null : 2 * n - i, i % 2 ? "SELECT 1" : null),
  );
}

describe("a 100k-span fan-out", () => {
  const trace = buildTrace(fanOut(), "T");

  it("builds, views and rows it", () => {
    expect(trace.size).toBe(100_001);
    const full = createTraceView(trace);
    expect(buildTimelineRows(full, new Set()).count).toBe(100_001);
    expect(buildTimelineRows(full, expandToLevel(full, 1)).count).toBe(1001);
    expect(buildTimelineRows(full, expandToLevel(full, 0)).count).toBe(1);
    const noDb = createTraceView(trace, { hideDb: true });
    expect(noDb.hidden.db).toBe(99_000);
    expect(buildTimelineRows(noDb, new Set()).count).toBe(1001);
    const search = createTraceView(trace, { search: { text: "f7" }, onlyMatches: true });
    expect(search.matchCount).toBe(100);
    expect(buildTimelineRows(search, new Set()).count).toBe(101);
  });

  it("breaks it down", () => {
    const b = computeBreakdowns(createTraceView(trace));
    expect(new Map(b.name.rows.map((r) => [r.label, r.count]))).toEqual(
      new Map([
        ["db", 99_000],
        ["rpc", 1000],
        ["wsgi", 1],
      ]),
    );
    const total = b.service.rows.reduce((sum, r) => sum + r.criticalUs, 0) + b.untracedUs;
    expect(total).toBe(b.wallUs);
    const db = computeDbBreakdown(createTraceView(trace));
    expect(db.groups).toHaveLength(1);
    expect(db.groups[0]).toMatchObject({ count: 99_000, nPlusOne: true, maxRepeats: 99 });
    expect(db.groups[0]!.repeatedUnder).toHaveLength(1000);
  });

  it("survives the compact form", () => {
    expect(convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(trace))))).toEqual(trace);
  });
});

describe("a 100k-deep chain", () => {
  const trace = buildTrace(chain(), "T");

  it("hides every other level, keeps the path to a deep match, and collapses at any level", () => {
    expect(trace.depth[99_999]).toBe(99_999);
    const noDb = createTraceView(trace, { hideDb: true });
    expect(noDb.size).toBe(50_000);
    expect(noDb.depth[49_999]).toBe(49_999);
    const deepMatch = createTraceView(trace, { search: { text: id(99_998) }, onlyMatches: true });
    expect(deepMatch.size).toBe(99_999);
    expect(buildTimelineRows(deepMatch, expandToLevel(deepMatch, 500)).count).toBe(501);
  });

  it("measures the unfinished last span and sums the critical path to the wall time", () => {
    expect(trace.stopUs[99_999]! - T0).toBe(99_999);
    expect(trace.displayStopUs[99_999]).toBe(trace.stopUs[99_998]);
    const b = computeBreakdowns(createTraceView(trace));
    expect(b.name.rows.reduce((sum, r) => sum + r.criticalUs, 0) + b.untracedUs).toBe(b.wallUs);
    expect(b.name.rows.find((r) => r.label === "rpc")!.incomplete).toBe(0);
    expect(b.name.rows.find((r) => r.label === "db")!.incomplete).toBe(1);
  });
});
