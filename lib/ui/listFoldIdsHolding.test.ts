import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, computeCriticalPath, createTraceView, findPathFolds, findSpanIndex } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { isClosedFoldRow, listFoldIdsHolding } from "./listFoldIdsHolding";

// The API's four statements carry 8 µs of a 10 ms path: one fold under "critical path only".
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w          nova-api        0..40      path="POST /v2.1/servers"
  ├ db#a1         nova-api        1..3       sql="SELECT 1"
  ├ db#a2         nova-api        4..6       sql="SELECT 2"
  ├ db#a3         nova-api        7..9       sql="SELECT 3"
  ├ db#a4         nova-api        10..12     sql="SELECT 4"
  └ rpc#cast      nova-api        20..22     fn=build_instances
    └ rpc#cond    nova-conductor  100..10000 fn=build_instances
`),
);
const view = createTraceView(trace, { criticalOnly: true });
const folds = findPathFolds(view, computeCriticalPath(trace));
const at = (id: string) => findSpanIndex(trace, id);

describe("listFoldIdsHolding and isClosedFoldRow", () => {
  it("name the fold a span is in by its first span, and the fold's own row", () => {
    const closed = buildTimelineRows(view, new Set(), { folds, opened: new Set() });
    expect(listFoldIdsHolding(closed, at("a3"))).toEqual(["a1"]);
    expect(listFoldIdsHolding(closed, at("a1"))).toEqual(["a1"]);
    expect(listFoldIdsHolding(closed, at("cast"))).toEqual([]);
    expect([at("a1"), at("a3"), at("cast")].map((i) => isClosedFoldRow(closed, i))).toEqual([true, false, false]);
    // Opened, it is still the fold holding its spans, but no row stands for it.
    const opened = buildTimelineRows(view, new Set(), { folds, opened: new Set(["a1"]) });
    expect(listFoldIdsHolding(opened, at("a3"))).toEqual(["a1"]);
    expect(isClosedFoldRow(opened, at("a1"))).toBe(false);
  });

  it("find none without folds, or for a span the view does not show", () => {
    const all = buildTimelineRows(createTraceView(trace, {}), new Set());
    expect(listFoldIdsHolding(all, at("a3"))).toEqual([]);
    expect(isClosedFoldRow(all, at("a1"))).toBe(false);
    const noDb = buildTimelineRows(createTraceView(trace, { criticalOnly: true, hideDb: true }), new Set(), { folds, opened: new Set() });
    expect(listFoldIdsHolding(noDb, at("a3"))).toEqual([]);
    expect(isClosedFoldRow(noDb, at("a3"))).toBe(false);
  });
});
