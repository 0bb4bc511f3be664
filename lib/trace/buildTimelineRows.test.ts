import { describe, expect, it } from "vitest";
import { buildTimelineRows, findParentRow, findRow, readTimelineRow, type TimelineRows } from "./buildTimelineRows";
import { buildTrace } from "./buildTrace";
import { expandToLevel } from "./expandToLevel";
import { computeBar, MIN_BAR_WIDTH } from "./computeBar";
import { createTraceView } from "./createTraceView";
import { findSpanIndex } from "./findSpanIndex";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { SpanFlag } from "./types";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w        api    0..1000
  ├ rpc#a       api    100..600
  │ ├ db#a1     api    150..200
  │ └ rpc#a2    api    250..500
  │   └ db#a21  api    300..301
  ├ rpc#b       api    700..?
  │ └ db#b1     api    720..760
  └ db#c        api    999..1000
  db#late       api    1000..1000
`),
);
const full = createTraceView(trace);

/** Rows as "  id[+|-]": + collapsed, - expanded parent. */
function draw(rows: TimelineRows): string[] {
  return Array.from({ length: rows.count }, (_, r) => {
    const row = readTimelineRow(rows, r);
    return "  ".repeat(row.depth) + trace.spanId[row.spanIndex] + (row.hasChildren ? (row.collapsed ? "+" : "-") : "");
  });
}

describe("buildTimelineRows", () => {
  it("lists every span in pre-order when nothing is collapsed", () => {
    expect(draw(buildTimelineRows(full, new Set()))).toEqual([
      "w-",
      "  a-",
      "    a1",
      "    a2-",
      "      a21",
      "  b-",
      "    b1",
      "  c",
      "late",
    ]);
  });

  it("skips the subtree of a collapsed span, and ignores ids without children or not in the trace", () => {
    const rows = buildTimelineRows(full, new Set(["a", "a21", "nope"]));
    expect(draw(rows)).toEqual(["w-", "  a+", "  b-", "    b1", "  c", "late"]);
    expect(draw(buildTimelineRows(full, new Set(["w"])))).toEqual(["w+", "late"]);
  });

  it("expands to a level: a span expanded after it shows one more level, not its whole subtree", () => {
    expect(draw(buildTimelineRows(full, expandToLevel(full, 1)))).toEqual(["w-", "  a+", "  b+", "  c", "late"]);
    const one = expandToLevel(full, 1);
    one.delete("a");
    expect(draw(buildTimelineRows(full, one))).toEqual(["w-", "  a-", "    a1", "    a2+", "  b+", "  c", "late"]);
  });

  it("follows the view: hasChildren is about the view, and a collapsed id without children in the view is ignored", () => {
    const noDb = createTraceView(trace, { hideDb: true });
    expect(draw(buildTimelineRows(noDb, new Set(["b"])))).toEqual(["w-", "  a-", "    a2", "  b"]);
  });

  it("finds the row of a span and of its parent (keyboard navigation)", () => {
    const rows = buildTimelineRows(full, new Set(["a2"]));
    const a2 = findRow(rows, findSpanIndex(trace, "a2"));
    expect(trace.spanId[readTimelineRow(rows, a2).spanIndex]).toBe("a2");
    expect(findRow(rows, findSpanIndex(trace, "a21"))).toBe(-1);
    expect(trace.spanId[readTimelineRow(rows, findParentRow(rows, a2)).spanIndex]).toBe("a");
    expect(findParentRow(rows, 0)).toBe(-1);
  });

  it("places bars as fractions of the trace's time axis, at least 0.5% wide, an unfinished one open to its parent's end", () => {
    const bar = (id: string) => computeBar(trace, findSpanIndex(trace, id));
    expect(bar("w")).toEqual({ start: 0, width: 1 });
    expect(bar("a")).toEqual({ start: 0.1, width: 0.5 });
    expect(bar("a21")).toEqual({ start: 0.3, width: MIN_BAR_WIDTH });
    expect(bar("b")).toEqual({ start: 0.7, width: 0.3 });
    expect(trace.flags[findSpanIndex(trace, "b")]! & SpanFlag.UNFINISHED).toBeTruthy();
    // A minimum-width bar at the very end stays inside the axis.
    expect(bar("late")).toEqual({ start: 1 - MIN_BAR_WIDTH, width: MIN_BAR_WIDTH });
    // A zoomed axis: the same span relative to 100..600.
    expect(computeBar(trace, findSpanIndex(trace, "a2"), { startUs: T0 + 100, endUs: T0 + 600 })).toEqual({ start: 0.3, width: 0.5 });
  });

  it("marks search matches on rows", () => {
    const view = createTraceView(trace, { search: { text: "rpc" } });
    const rows = buildTimelineRows(view, new Set());
    expect(
      Array.from({ length: rows.count }, (_, r) => readTimelineRow(rows, r))
        .filter((r) => r.matches)
        .map((r) => trace.spanId[r.spanIndex]),
    ).toEqual(["a", "a2", "b"]);
  });

  it("collapses the root of a 100k-span trace to one row, and expands it back to all rows", () => {
    const n = 100_000;
    const lines = ["wsgi#root api 0..10000000"];
    for (let i = 1; i < n; i++) lines.push(`  db#s${i} api ${i * 10}..${i * 10 + 5}`);
    const big = buildTrace(spansFromDrawing(lines.join("\n")));
    const view = createTraceView(big);
    expect(buildTimelineRows(view, new Set(["root"])).count).toBe(1);
    expect(buildTimelineRows(view, new Set()).count).toBe(n);
    expect(buildTimelineRows(createTraceView(big, { hideDb: true }), new Set()).count).toBe(1);
  });

  it("expand to level 0 shows only roots, a negative level too", () => {
    expect(draw(buildTimelineRows(full, expandToLevel(full, 0)))).toEqual(["w+", "late"]);
    expect(draw(buildTimelineRows(full, expandToLevel(full, -3)))).toEqual(["w+", "late"]);
    expect(draw(buildTimelineRows(full, expandToLevel(full, 99)))).toEqual(draw(buildTimelineRows(full, new Set())));
  });

  it("gives no row to a span the view hides", () => {
    const noDb = createTraceView(trace, { hideDb: true });
    expect(findRow(buildTimelineRows(noDb, new Set()), findSpanIndex(trace, "a21"))).toBe(-1);
  });

  it("refuses a row that is not there", () => {
    const rows = buildTimelineRows(full, new Set());
    expect(() => readTimelineRow(rows, rows.count)).toThrow(RangeError);
    expect(() => readTimelineRow(rows, -1)).toThrow(RangeError);
  });

  it("draws every bar full width when the whole trace is one instant", () => {
    const instant = buildTrace(
      spansFromDrawing(`
      wsgi#w  api  5..5
      └ db#d  api  5..5
    `),
    );
    expect(computeBar(instant, 1)).toEqual({ start: 0, width: 1 });
  });

  it("places bars outside a zoomed axis outside 0..1, for the caller to clip", () => {
    const zoom = { startUs: T0 + 100, endUs: T0 + 200 };
    expect(computeBar(trace, findSpanIndex(trace, "w"), zoom)).toEqual({ start: -1, width: 10 });
    expect(computeBar(trace, findSpanIndex(trace, "c"), zoom, 0.1)).toEqual({ start: 8.99, width: 0.1 });
  });
});

describe("buildTimelineRows between views of one tree", () => {
  it("gives the same rows back while only the search changes, and new ones once a span is collapsed", () => {
    const a = buildTimelineRows(createTraceView(trace, { search: { text: "db" } }), new Set(["b"]));
    const b = buildTimelineRows(createTraceView(trace, { search: { text: "rpc" } }), new Set(["b"]));
    expect(b.rows).toBe(a.rows);
    expect(b.view.matches).not.toEqual(a.view.matches);
    const c = buildTimelineRows(createTraceView(trace, { search: { text: "rpc" } }), new Set(["a"]));
    expect(c.rows).not.toBe(a.rows);
    expect(draw(c)).toEqual(["w-", "  a+", "  b-", "    b1", "  c", "late"]);
    expect(draw(buildTimelineRows(full, new Set(["b"])))).toEqual(["w-", "  a-", "    a1", "    a2-", "      a21", "  b+", "  c", "late"]);
    // Everything expanded again: the rows of before.
    const expanded = buildTimelineRows(full, new Set());
    buildTimelineRows(full, new Set(["w"]));
    expect(buildTimelineRows(createTraceView(trace, { search: { text: "db" } }), new Set(["nope"])).rows).toBe(expanded.rows);
  });
});
