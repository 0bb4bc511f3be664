// The breakdowns in slices (several slices per pass: more spans than SPANS_PER_STEP, starts out
// of pre-order so the start order is sorted and merged in steps) against references written
// plainly with objects and sorts.
import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { buildTrace } from "./buildTrace";
import { computeBreakdowns, type TraceBreakdowns } from "./computeBreakdowns";
import { computeCriticalPath } from "./computeCriticalPath";
import { createTraceView, type TraceView } from "./createTraceView";
import { runSteps, SPANS_PER_STEP } from "./runSteps";
import { stepBreakdowns } from "./stepBreakdowns";
import type { Trace } from "./types";

const N = 3 * SPANS_PER_STEP + 1234;
const SERVICES = ["nova-api", "nova-conductor", "glance-api", "neutron-server"];

/** A random nested trace whose starts are not in pre-order (children start before later siblings' subtrees end). */
function randomTrace(seed: number): Trace {
  let a = seed;
  const next = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const spans: Span[] = [];
  const starts: number[] = [];
  for (let i = 0; i < N; i++) {
    const parent = i === 0 ? -1 : Math.floor(next() * Math.min(i, 50)) + Math.max(0, i - 50);
    const start = parent < 0 ? 0 : starts[parent]! + Math.floor(next() * 400);
    starts.push(start);
    spans.push({
      traceId: "T",
      spanId: `s${i}`,
      parentId: parent < 0 ? "T" : `s${parent}`,
      name: next() < 0.5 ? "db" : "rpc",
      project: "nova",
      service: SERVICES[Math.floor(next() * 4)]!,
      host: `h${Math.floor(next() * 3)}`,
      startUs: start,
      stopUs: start + Math.floor(next() * 600),
      error: null,
      detail: null,
      startPayload: null,
      stopPayload: null,
    });
  }
  return buildTrace(spans, "T");
}

/** Kept children of every kept span (by span index), and each span's nearest kept ancestor-or-self. */
function keptTree(view: TraceView) {
  const { trace } = view;
  const kids = new Map<number, number[]>();
  const keptAncestor = (i: number): number => {
    for (let p = i; p >= 0; p = trace.parent[p]!) if (view.position[p]! >= 0) return p;
    return -1;
  };
  for (let i = 0; i < trace.size; i++) {
    if (view.position[i]! < 0) continue;
    const up = trace.parent[i]! < 0 ? -1 : keptAncestor(trace.parent[i]!);
    if (up >= 0) kids.set(up, [...(kids.get(up) ?? []), i]);
  }
  return { kids, keptAncestor };
}

function union(intervals: [number, number][], clip: [number, number] = [-Infinity, Infinity]): number {
  const sorted = intervals.map(([s, e]): [number, number] => [Math.max(s, clip[0]), Math.min(e, clip[1])]).sort((x, y) => x[0] - y[0]);
  let sum = 0,
    reach = -Infinity;
  for (const [s, e] of sorted) {
    if (e <= Math.max(s, reach)) continue;
    sum += e - Math.max(s, reach);
    reach = e;
  }
  return sum;
}

function referenceByService(view: TraceView) {
  const { trace } = view;
  const { kids, keptAncestor } = keptTree(view);
  const path = computeCriticalPath(trace);
  const critical = new Map<number, number>();
  for (let i = 0; i < trace.size; i++) {
    const k = keptAncestor(i);
    if (k >= 0) critical.set(k, (critical.get(k) ?? 0) + path.bySpan[i]!);
  }
  const rows = new Map<string, { count: number; selfUs: number; criticalUs: number; intervals: [number, number][] }>();
  for (const i of view.order) {
    const s = trace.startUs[i]!,
      e = trace.stopUs[i]!;
    const childIntervals = (kids.get(i) ?? []).map((c): [number, number] => [trace.startUs[c]!, trace.stopUs[c]!]);
    const key = `nova/${trace.strings[trace.service[i]!]}`;
    const row = rows.get(key) ?? { count: 0, selfUs: 0, criticalUs: 0, intervals: [] };
    row.count++;
    row.selfUs += Math.max(0, e - s - union(childIntervals, [s, e]));
    row.criticalUs += critical.get(i) ?? 0;
    row.intervals.push([s, e]);
    rows.set(key, row);
  }
  return new Map(
    [...rows].map(([key, r]) => [key, { count: r.count, selfUs: r.selfUs, criticalUs: r.criticalUs, busyUs: union(r.intervals) }]),
  );
}

describe("stepBreakdowns", () => {
  const trace = randomTrace(7);
  const views = [createTraceView(trace), createTraceView(trace, { hideDb: true })];

  it("agrees with the plain references over several slices, full and filtered", () => {
    expect(trace.size).toBe(N);
    expect(trace.startUs.some((s, i) => i > 0 && s < trace.startUs[i - 1]!)).toBe(true);
    for (const view of views) {
      const b = runSteps(stepBreakdowns(view));
      const expected = referenceByService(view);
      expect(
        new Map(b.service.rows.map((r) => [r.key, { count: r.count, selfUs: r.selfUs, criticalUs: r.criticalUs, busyUs: r.busyUs }])),
      ).toEqual(expected);
    }
  });

  it("pauses after every slice of every pass, and interleaved runs give what one run at once gives", () => {
    const fresh = randomTrace(8); // its start order not sorted yet: sorted in steps here
    const [full, noDb] = [createTraceView(fresh), createTraceView(fresh, { hideDb: true })];
    const runs = [stepBreakdowns(full), stepBreakdowns(noDb)];
    const results: (TraceBreakdowns | undefined)[] = [undefined, undefined];
    let pauses = 0;
    while (results.some((r) => r === undefined)) {
      runs.forEach((run, k) => {
        if (results[k] !== undefined) return;
        const next = run.next();
        if (next.done) results[k] = next.value;
        else if (k === 0) pauses++;
      });
    }
    // Self time, the path's projection, the start order (scan, sort, merges) and 4 groupings of 3 passes.
    expect(pauses).toBeGreaterThan(16 * Math.floor(N / SPANS_PER_STEP));
    expect(results[0]).toEqual(computeBreakdowns(createTraceView(fresh)));
    expect(results[1]).toEqual(computeBreakdowns(createTraceView(fresh, { hideDb: true })));
  });
});
