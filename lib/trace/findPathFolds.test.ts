import { describe, expect, it } from "vitest";
import { buildTimelineRows, type TimelineRows } from "./buildTimelineRows";
import { buildTrace } from "./buildTrace";
import { computeCriticalPath } from "./computeCriticalPath";
import { createTraceView } from "./createTraceView";
import { countFoldedSpans } from "./countFoldedSpans";
import { findPathFolds, listFoldsHolding, measurePathWithin, readFoldSpans } from "./findPathFolds";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";

// A server create: the API's statements (on the path, microseconds each), the cast, and the
// conductor's 9.9 ms of work with statements of its own before the scheduler. 1% of the wall
// time is 100 µs: b1 + b2 + b3 would carry 120 µs, so the conductor's run is cut before b3.
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w          nova-api        0..40      path="POST /v2.1/servers"
  ├ db#a1         nova-api        1..3       sql="SELECT 1"
  ├ db#a2         nova-api        4..6       sql="SELECT 2"
  ├ db#a3         nova-api        7..9       sql="SELECT 3"
  ├ db#a4         nova-api        10..12     sql="SELECT 4"
  └ rpc#cast      nova-api        20..22     fn=build_instances
    └ rpc#cond    nova-conductor  100..10000 fn=build_instances
      ├ db#b1     nova-conductor  110..150   sql="SELECT b1"
      ├ db#b2     nova-conductor  160..200   sql="SELECT b2"
      ├ db#b3     nova-conductor  210..250   sql="SELECT b3"
      ├ db#b4     nova-conductor  260..270   sql="SELECT b4"
      ├ db#b5     nova-conductor  280..290   sql="SELECT b5"
      ├ db#b6     nova-conductor  300..310   sql="SELECT b6"
      └ rpc#sch   nova-scheduler  400..5000  fn=select_destinations
        ├ db#s1   nova-scheduler  410..420   sql="SELECT s1"
        └ db#s2   nova-scheduler  430..440   sql="SELECT s2"
`),
);
const path = computeCriticalPath(trace);
const view = createTraceView(trace, { criticalOnly: true });
const folds = findPathFolds(view, path);

/** The rows as the timeline lists them: a fold row as its size and path time. */
function outline(rows: TimelineRows): string {
  return Array.from(rows.rows.subarray(0, rows.count), (v) => {
    const pad = "  ".repeat(view.depth[v]!);
    if (rows.folded?.[v]) return `${pad}[${folds.end[v]! - v} spans, ${folds.pathUs[v]} µs]`;
    return pad + trace.spanId[view.order[v]!];
  }).join("\n");
}

describe("findPathFolds", () => {
  it("folds runs of siblings that carry under 1% of the wall time on the path, three rows or more", () => {
    expect(view.size).toBe(trace.size); // every span here is on the path
    expect(folds.count).toBe(2);
    expect(outline(buildTimelineRows(view, new Set(), { folds, opened: new Set() }))).toBe(
      [
        "w",
        "  [4 spans, 8 µs]",
        "  cast",
        "    cond",
        "      b1",
        "      b2",
        "      [4 spans, 70 µs]",
        "      sch",
        "        s1", // two rows: not folded
        "        s2",
      ].join("\n"),
    );
  });

  it("counts the spans the closed folds hold, for the counts above the timeline", () => {
    expect(countFoldedSpans(buildTimelineRows(view, new Set(), { folds, opened: new Set() }))).toBe(8);
    // One fold opened: the other's four spans remain folded.
    expect(countFoldedSpans(buildTimelineRows(view, new Set(), { folds, opened: new Set(["a1"]) }))).toBe(4);
    // A fold inside a collapsed span is not a row: its spans are the collapse's, not a fold's.
    expect(countFoldedSpans(buildTimelineRows(view, new Set(["cond"]), { folds, opened: new Set() }))).toBe(4);
    // Without folds (the plain view), none.
    const plain = createTraceView(trace);
    expect(countFoldedSpans(buildTimelineRows(plain, new Set()))).toBe(0);
  });

  it("opens a fold by the id of its first span, and every span is in the outermost fold holding it", () => {
    const rows = buildTimelineRows(view, new Set(), { folds, opened: new Set(["a1"]) });
    expect(outline(rows).split("\n").slice(0, 6)).toEqual(["w", "  a1", "  a2", "  a3", "  a4", "  cast"]);
    const b3 = view.position[trace.spanId.indexOf("b3")]!;
    expect(folds.within[view.position[trace.spanId.indexOf("b6")]!]).toBe(b3);
    expect(folds.within[view.position[trace.spanId.indexOf("sch")]!]).toBe(-1);
    expect(listFoldsHolding(folds, view.position[trace.spanId.indexOf("b5")]!)).toEqual([b3]);
    expect(listFoldsHolding(folds, view.position[trace.spanId.indexOf("b2")]!)).toEqual([]);
    // A search keystroke makes a new view over the same tree: the same folds, not found again.
    expect(findPathFolds(createTraceView(trace, { criticalOnly: true, search: { text: "b" } }), path)).toBe(folds);
  });

  it("folds nothing without a fold to make, and the rows are the collapse model's alone", () => {
    const none = findPathFolds(view, path, 0);
    expect(none.count).toBe(0);
    const rows = buildTimelineRows(view, new Set(["cond"]), { folds: none, opened: new Set() });
    expect(rows.folded).toBeNull();
    expect(outline(rows)).toBe(["w", "  a1", "  a2", "  a3", "  a4", "  cast", "    cond"].join("\n"));
  });

  it("measures where the path runs through a fold's spans, not their subtrees: a cast among them carries microseconds", () => {
    // c2 casts work that runs until 9000 beside the conductor's (off the path, hidden): the fold
    // a1, c2, a3 carries the path from 1 to 9, which is what its row's extent shows.
    const boot = buildTrace(
      spansFromDrawing(`
      wsgi#w          api   0..40      path="POST /v2.1/servers"
      ├ db#a1         api   1..3       sql="SELECT 1"
      ├ rpc#c2        api   4..5       fn=cast_it
      │ └ rpc#k       bg    6..9000    fn=background
      ├ db#a3         api   7..9       sql="SELECT 3"
      └ rpc#cast      api   20..22     fn=build_instances
        └ rpc#cond    cond  100..10000 fn=build_instances
    `),
    );
    const bootPath = computeCriticalPath(boot);
    const critical = createTraceView(boot, { criticalOnly: true });
    const bootFolds = findPathFolds(critical, bootPath);
    const a1 = critical.position[boot.spanId.indexOf("a1")]!;
    expect(bootFolds.end[a1]).toBe(critical.position[boot.spanId.indexOf("cast")]!);
    const spans = readFoldSpans(critical, bootFolds, a1);
    expect(spans).toEqual({ first: boot.spanId.indexOf("a1"), end: boot.spanId.indexOf("cast") });
    const on = measurePathWithin(bootPath, spans.first, spans.end)!;
    expect([on.fromUs - T0, on.toUs - T0]).toEqual([1, 9]);
    expect(boot.subtreeStopUs[boot.spanId.indexOf("c2")]! - T0).toBe(9000); // what the extent showed before
    // No piece of the path in a span: nowhere.
    const k = boot.spanId.indexOf("k");
    expect(measurePathWithin(bootPath, k, k + 1)).toBeNull();
  });
});
