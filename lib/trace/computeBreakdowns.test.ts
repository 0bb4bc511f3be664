import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { computeBreakdowns, type Breakdown } from "./computeBreakdowns";
import { computeCriticalPath } from "./computeCriticalPath";
import { computeSelfTimes } from "./computeSelfTimes";
import { createTraceView } from "./createTraceView";
import { projectCriticalPath } from "./projectCriticalPath";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

// Times in µs. a1 and a2 overlap (parallel calls); b runs past the end of its parent w (async).
//
//   0        100  150 200 250 300  400 450  550         1000        1200
//   w ====================================================|
//            a =====================|
//                 a1 ======|
//                     a2 =======|
//                                   b =========================================|
//                                       b1 ====|
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w      nova-api   0..1000
  ├ rpc#a     nova-api   100..500
  │ ├ db#a1   nova-api   150..250
  │ └ db#a2   nova-api   200..300
  └ rpc#b     conductor  400..1200
    └ db#b1   conductor  450..550
`),
);

function byId(values: Float64Array, view = createTraceView(trace)): Record<string, number> {
  return Object.fromEntries(Array.from(view.order, (i, v) => [trace.spanId[i]!, values[v]!]));
}

function table(b: Breakdown) {
  return b.rows.map((r) => [r.label, r.count, r.totalUs, r.selfUs, r.busyUs, r.criticalUs]);
}

describe("self time", () => {
  it("subtracts the union of the children, clipped to the span", () => {
    expect(byId(computeSelfTimes(createTraceView(trace)))).toEqual({ w: 100, a: 250, a1: 100, a2: 100, b: 700, b1: 100 });
  });

  it("gives a hidden span's time to its nearest kept ancestor", () => {
    const view = createTraceView(trace, { hideDb: true });
    expect(byId(computeSelfTimes(view), view)).toEqual({ w: 100, a: 400, b: 800 });
  });
});

describe("critical path", () => {
  it("follows the last-finishing child back from the end, async tails included, and sums to the wall time", () => {
    const path = computeCriticalPath(trace);
    // Walking back from 1200: w's subtree reaches 1200 through b, which outlives w (async), so b
    // is followed from 1200 to 400 (b1 450..550 inside it), then a from 400 back to 100, where
    // a2 (200..300) and then a1 (150..200) were last to finish.
    expect(byId(projectCriticalPath(createTraceView(trace), path).byPosition)).toEqual({
      w: 100,
      a: 150,
      a1: 50,
      a2: 100,
      b: 700,
      b1: 100,
    });
    expect(path.gapUs).toBe(0);
    expect(path.bySpan.reduce((x, y) => x + y, 0)).toBe(1200);
  });

  it("handles a 100k-deep chain iteratively", () => {
    const lines = Array.from(
      { length: 100_000 },
      (_, i) => `${"  ".repeat(Math.min(i, 1))}rpc#s${i} api ${i}..${200_000 - i}${i > 1 ? ` parent=s${i - 1}` : ""}`,
    );
    const deep = buildTrace(spansFromDrawing(lines.join("\n")));
    expect(deep.depth[99_999]).toBe(99_999);
    const path = computeCriticalPath(deep);
    expect(path.bySpan.reduce((x, y) => x + y, 0) + path.gapUs).toBe(200_000);
    expect(path.bySpan[99_999]).toBe(200_000 - 2 * 99_999);
  });
});

describe("computeBreakdowns", () => {
  it("per service: count, total, self, busy (union) and critical-path time; self as a share of all self time", () => {
    const b = computeBreakdowns(createTraceView(trace));
    expect(b.wallUs).toBe(1200);
    expect(b.untracedUs).toBe(0);
    expect(table(b.service)).toEqual([
      ["conductor", 2, 900, 800, 800, 800],
      ["nova-api", 4, 1600, 550, 1000, 400],
    ]);
    expect(b.service.rows[0]).toMatchObject({
      key: "nova/conductor",
      project: "nova",
      selfShare: 800 / 1350,
      busyShare: 800 / 1200,
      criticalShare: 800 / 1200,
    });
    expect(table(b.project)).toEqual([["nova", 6, 2500, 1350, 1200, 1200]]);
    expect(table(b.host)).toEqual([["node-1", 6, 2500, 1350, 1200, 1200]]);
  });

  it("per span type, like OSprofiler's stats plus self time", () => {
    const b = computeBreakdowns(createTraceView(trace));
    expect(table(b.name)).toEqual([
      ["rpc", 2, 1200, 950, 1100, 850],
      ["db", 3, 300, 300, 250, 250],
      ["wsgi", 1, 1000, 100, 1000, 100],
    ]);
  });

  it("recomputes on a filtered view, while the unfiltered view keeps the full figures", () => {
    const filtered = computeBreakdowns(createTraceView(trace, { hideDb: true }));
    expect(table(filtered.service)).toEqual([
      ["conductor", 1, 800, 800, 800, 800],
      ["nova-api", 2, 1400, 500, 1000, 400],
    ]);
    expect(filtered.spanCount).toBe(3);
    expect(computeBreakdowns(createTraceView(trace)).spanCount).toBe(6);
  });

  it("tells the path's untraced waits from the part that is host clocks disagreeing", () => {
    // r waits 20 µs after its cast (a wait); d, on a host whose clock is behind, seems to end 10 µs
    // before r, its caller, began (skew). Together with the spans' path time: the wall time.
    const b = computeBreakdowns(
      createTraceView(
        buildTrace(
          spansFromDrawing(`
      wsgi#w       api   0..100
      └ rpc#c      api   10..20
        └ rpc#r    cond  40..300   host=node-2
          └ db#d   cond  25..30    host=node-3
    `),
        ),
      ),
    );
    expect([b.untracedUs, b.skewUs]).toEqual([5, 10]);
    expect(b.service.rows.reduce((sum, r) => sum + r.criticalUs, 0) + b.untracedUs + b.skewUs).toBe(b.wallUs);
  });

  it("keeps two projects' services of the same name apart, and counts errors and incomplete spans", () => {
    const b = computeBreakdowns(
      createTraceView(
        buildTrace(
          spansFromDrawing(`
      wsgi#w   api  0..100    project=nova
      ├ rpc#x  api  10..?     project=glance
      └ db#y   api  20..30    project=glance err=OperationalError
    `),
        ),
      ),
    );
    expect(b.service.rows.map((r) => [r.key, r.label, r.count, r.errors, r.incomplete])).toEqual([
      ["nova/api", "api", 1, 0, 0],
      ["glance/api", "api", 2, 1, 1],
    ]);
  });

  it("counts a gap between top-level spans as untraced, and parallel roots once", () => {
    //   0    100       300  400      600
    //   a ====|         b ======|
    //                   c ===========|      (b and c in parallel)
    const b = computeBreakdowns(
      createTraceView(
        buildTrace(
          spansFromDrawing(`
      rpc#a  api   0..100
      rpc#b  api   300..400
      rpc#c  cond  300..600
    `),
        ),
      ),
    );
    expect(b.wallUs).toBe(600);
    expect(b.untracedUs).toBe(200);
    expect(table(b.service)).toEqual([
      ["cond", 1, 300, 300, 300, 300],
      ["api", 2, 200, 200, 200, 100],
    ]);
  });

  it("charges a child that starts before its parent (clock skew) its whole time on the path, and clips it in self time", () => {
    const view = createTraceView(
      buildTrace(
        spansFromDrawing(`
      wsgi#w   api   100..500
      └ rpc#r  cond  50..300
    `),
      ),
    );
    expect(byIdOf(view, computeSelfTimes(view))).toEqual({ w: 200, r: 250 });
    const path = computeCriticalPath(view.trace);
    expect(byIdOf(view, projectCriticalPath(view, path).byPosition)).toEqual({ w: 200, r: 250 });
    expect(path.gapUs).toBe(0);
  });

  it("is all zeros for an empty view", () => {
    const b = computeBreakdowns(createTraceView(buildTrace([], "T")));
    expect(b).toMatchObject({ wallUs: 0, untracedUs: 0, hiddenUs: 0, spanCount: 0, service: { rows: [] }, name: { rows: [] } });
  });
});

function byIdOf(view: ReturnType<typeof createTraceView>, values: Float64Array): Record<string, number> {
  return Object.fromEntries(Array.from(view.order, (i, v) => [view.trace.spanId[i]!, values[v]!]));
}
