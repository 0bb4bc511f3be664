// The plan's own shape: what a streamed export holds while it prints (the byte-for-byte output
// is streamOsprofilerReport.test.ts's).
import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { createOsprofilerReportPlanner } from "./planOsprofilerReport";

function planOf(spans: readonly Span[], reclaim?: () => void, expectedSpans = 4) {
  const planner = createOsprofilerReportPlanner({ expectedSpans, reclaim });
  for (const span of spans) planner.add(span);
  return planner.finish();
}

/** A root with `n` children, in time order. */
function wide(n: number): Span[] {
  const lines = [`wsgi#w api 0..${2 * n + 10}`];
  for (let i = 0; i < n; i++) lines.push(`${i === n - 1 ? "└" : "├"} db#d${i} api ${2 * i + 1}..${2 * i + 2}`);
  return spansFromDrawing(lines.join("\n"));
}

describe("createOsprofilerReportPlanner", () => {
  it("gives each node's number of children by its place in the pre-order, children sorted by start", () => {
    const spans = spansFromDrawing(`
      wsgi#w    api        0..100
      ├ rpc#r   conductor  30..60
      │ └ db#d3 conductor  40..50
      └ db#d1   api        10..20
      none#n    api        ?..?
      x#x       api        200..210
    `);
    const plan = planOf(spans);
    expect([...plan.order].map((k) => plan.ids.idOf(k))).toEqual(["w", "d1", "r", "d3", "x"]);
    expect([...plan.childCounts]).toEqual([2, 0, 1, 0, 0]);
    expect(plan.roots).toBe(2);
  });

  it("keeps the child counts as narrow as the widest node allows", () => {
    expect(planOf(wide(3)).childCounts).toBeInstanceOf(Uint8Array);
    expect(planOf(wide(255)).childCounts).toBeInstanceOf(Uint8Array);
    const plan = planOf(wide(256));
    expect(plan.childCounts).toBeInstanceOf(Uint16Array);
    expect(plan.childCounts[0]).toBe(256);
  });

  it("calls reclaim inside the finish: after the creation order, once the parents are found, once the children are sorted", () => {
    const spans = wide(3);
    let reclaims = 0;
    const planner = createOsprofilerReportPlanner({ reclaim: () => reclaims++ });
    for (const span of spans) planner.add(span);
    expect(reclaims).toBe(0);
    const plan = planner.finish();
    expect(reclaims).toBe(3);
    const { ids, ...rest } = plan;
    const { ids: expectedIds, ...expected } = planOf(spans);
    expect(rest).toEqual(expected);
    expect([...plan.order].map((k) => ids.idOf(k))).toEqual([...expected.order].map((k) => expectedIds.idOf(k)));
  });

  it("plans the same whatever span count it expects (the trace row's count is a hint: the columns grow past it; one that is not a positive whole number only sizes them by default)", () => {
    const spans = wide(40);
    const { ids, ...expected } = planOf(spans);
    for (const expectedSpans of [1, 41, 42, 10_000, NaN, 0, -1, 2.5]) {
      const { ids: otherIds, ...plan } = planOf(spans, undefined, expectedSpans);
      expect(plan).toEqual(expected);
      expect([...plan.order].map((k) => otherIds.idOf(k))).toEqual([...expected.order].map((k) => ids.idOf(k)));
    }
  });
});
