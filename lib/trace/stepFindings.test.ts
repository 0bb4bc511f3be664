// The trace page's critical path and findings in slices (stepCriticalPath, stepExplainTrace and
// the DB breakdown they read) over traces of several slices per pass: a random one with a family
// too big for one sort step, and a messy synthetic OpenStack one. Run in steps and interleaved
// with each other's and the breakdowns' runs, they must give exactly what one run at once gives
// on a fresh copy of the trace; the DB breakdown's slowest calls and wall share are checked
// against plain references (a sort of every call, a union of interval pairs).
import { describe, expect, it } from "vitest";
import { syntheticSpanRows } from "../../testing/syntheticSpanRows";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import { buildTrace } from "./buildTrace";
import { computeBreakdowns } from "./computeBreakdowns";
import { computeCriticalPath, stepCriticalPath } from "./computeCriticalPath";
import { computeDbBreakdown, stepDbBreakdown } from "./computeDbBreakdown";
import { createTraceView, DB_SPAN_NAMES } from "./createTraceView";
import { explainTrace, stepExplainTrace } from "./explainTrace";
import { SPANS_PER_STEP, type Steps } from "./runSteps";
import { stepBreakdowns } from "./stepBreakdowns";
import type { Trace } from "./types";

const N = 3 * SPANS_PER_STEP + 4321;
const SERVICES = ["nova-api", "nova-conductor", "glance-api", "neutron-server"];
const SQL = ["SELECT * FROM instances WHERE uuid = 'a'", "SELECT * FROM quotas WHERE id = 1", "UPDATE instances SET host = 'b'"];

/** Random nested spans, starts out of pre-order; span 1 has more children than one sort step takes (a wide fan-out). */
function randomSpans(seed: number): Span[] {
  let a = seed;
  const next = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const spans: Span[] = [];
  const starts: number[] = [];
  for (let i = 0; i < N; i++) {
    const parent = i === 0 ? -1 : i <= SPANS_PER_STEP + 500 ? Math.min(i - 1, 1) : Math.floor(next() * 60) + i - 60;
    const start = parent < 0 ? 0 : starts[parent]! + Math.floor(next() * 400);
    starts.push(start);
    const db = next() < 0.4;
    spans.push({
      traceId: "T",
      spanId: `s${i}`,
      parentId: parent < 0 ? "T" : `s${parent}`,
      name: db ? "db" : next() < 0.5 ? "rpc" : "wsgi",
      project: next() < 0.8 ? "nova" : "glance",
      service: SERVICES[Math.floor(next() * 4)]!,
      host: `h${Math.floor(next() * 3)}`,
      startUs: start,
      stopUs: next() < 0.02 ? null : start + Math.floor(next() * (i % 97 === 0 ? 5000 : 600)),
      error: next() < 0.01 ? { type: "Timeout", message: "x" } : null,
      detail: db ? SQL[Math.floor(next() * 3)]! : null,
      startPayload: null,
      stopPayload: null,
    } as Span);
  }
  return spans;
}

const syntheticSpans = () => syntheticSpanRows("boot-server", N, 5).rows.map((row) => convertSpanRowToSpan(row));

/** Runs the generators one step each in turn until all are done; the pauses of each. */
function interleave(runs: Steps<unknown>[]): { results: unknown[]; pauses: number[] } {
  const results: unknown[] = runs.map(() => undefined);
  const done = runs.map(() => false);
  const pauses = runs.map(() => 0);
  while (done.includes(false)) {
    runs.forEach((run, k) => {
      if (done[k]) return;
      const next = run.next();
      if (next.done) {
        done[k] = true;
        results[k] = next.value;
      } else pauses[k]!++;
    });
  }
  return { results, pauses };
}

const withoutTrace = <T extends { trace: Trace }>(x: T) => ({ ...x, trace: null });

describe.each([
  ["a random trace with a wide fan-out", randomSpans(3)],
  ["a messy synthetic boot-server trace", syntheticSpans()],
])("the critical path and findings in steps on %s", (_, spans) => {
  it("interleaved with each other and the breakdowns, give what one run at once gives on a fresh copy", () => {
    const trace = buildTrace(spans, "T"),
      other = buildTrace(spans, "T");
    expect(trace.size).toBeGreaterThan(3 * SPANS_PER_STEP);
    const { results, pauses } = interleave([
      stepCriticalPath(trace),
      stepExplainTrace(other), // its own path, in its own steps
      stepBreakdowns(createTraceView(trace, { hideDb: true })), // reads the first run's path
      stepExplainTrace(trace),
    ]);
    // Every pass of the walk is sliced: several pauses per pass over the spans.
    expect(pauses[0]).toBeGreaterThan(4 * Math.floor(N / SPANS_PER_STEP));
    expect(pauses[1]).toBeGreaterThan(8 * Math.floor(N / SPANS_PER_STEP));

    const fresh = buildTrace(spans, "T");
    const path = computeCriticalPath(fresh);
    expect(withoutTrace(results[0] as typeof path)).toEqual(withoutTrace(path));
    // One path per trace, whichever run finished first.
    expect(computeCriticalPath(trace)).toBe(results[0]);
    expect(results[1]).toEqual(explainTrace(fresh));
    expect(results[3]).toEqual(explainTrace(fresh));
    expect(results[2]).toEqual(computeBreakdowns(createTraceView(buildTrace(spans, "T"), { hideDb: true })));
    // The parts and gaps still sum to the wall time exactly.
    expect(path.bySpan.reduce((x, y) => x + y, 0) + path.gapUs).toBe(path.wallUs);
  });

  it("the DB breakdown's slowest calls and wall share are what sorting every call and a plain union give", () => {
    const trace = buildTrace(spans, "T");
    const view = createTraceView(trace);
    const calls: { span: number; durationUs: number }[] = [];
    const intervals: [number, number][] = [];
    for (const i of view.order) {
      if (!DB_SPAN_NAMES.has(trace.strings[trace.name[i]!]!)) continue;
      calls.push({ span: i, durationUs: trace.stopUs[i]! - trace.startUs[i]! });
      intervals.push([trace.startUs[i]!, trace.stopUs[i]!]);
    }
    expect(calls.length).toBeGreaterThan(SPANS_PER_STEP); // several slices of calls
    intervals.sort((x, y) => x[0] - y[0]);
    let union = 0,
      reach = -Infinity;
    for (const [s, e] of intervals) {
      if (e <= reach) continue;
      union += e - Math.max(s, reach);
      reach = e;
    }
    const { results, pauses } = interleave([stepDbBreakdown(view), stepDbBreakdown(view, { slowestCount: 3 })]);
    const db = results[0] as ReturnType<typeof computeDbBreakdown>;
    expect(pauses[0]).toBeGreaterThan(2 * Math.floor(N / SPANS_PER_STEP));
    expect(db.wallShare).toBe(union / (trace.finishedUs - trace.startedUs));
    for (const [k, count] of [
      [0, 10],
      [1, 3],
    ] as const) {
      const slowest = (results[k] as typeof db).slowest;
      const expected = [...calls].sort((x, y) => y.durationUs - x.durationUs || x.span - y.span).slice(0, count);
      expect(slowest.map(({ span, durationUs }) => ({ span, durationUs }))).toEqual(expected);
      expect(slowest.every((s) => db.groups[s.group]!.spans.includes(s.span))).toBe(true);
    }
    expect(computeDbBreakdown(view, { slowestCount: 0 }).slowest).toEqual([]);
  });
});
