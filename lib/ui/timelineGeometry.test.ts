import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, createTraceView, findSpanIndex, findRow, readTimelineRow, type TimelineRows } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { computeTimeTicks, placeTimeTicks } from "./computeTimeTicks";
import { pickDurationUnit } from "./formatDuration";
import { computeVisibleRange, MAX_MOUNTED_ROWS, scrollTopToKeepSelectedInView, scrollTopToReveal } from "./computeVisibleRange";
import { layoutBreakdownChart } from "./layoutBreakdownChart";
import { resolveTreeKey } from "./resolveTreeKey";

describe("computeVisibleRange", () => {
  it("mounts the rows in view plus the overscan on each side", () => {
    expect(computeVisibleRange({ scrollTop: 0, viewportHeight: 240, rowHeight: 24, count: 100_000, overscan: 5 })).toEqual({
      first: 0,
      end: 15,
    });
    expect(computeVisibleRange({ scrollTop: 2400, viewportHeight: 240, rowHeight: 24, count: 100_000, overscan: 5 })).toEqual({
      first: 95,
      end: 115,
    });
    // Half a row scrolled: the partly visible rows count.
    expect(computeVisibleRange({ scrollTop: 12, viewportHeight: 240, rowHeight: 24, count: 100, overscan: 0 })).toEqual({
      first: 0,
      end: 11,
    });
  });

  it("stops at the ends and never mounts more than the cap, whatever the screen", () => {
    expect(computeVisibleRange({ scrollTop: 1e9, viewportHeight: 240, rowHeight: 24, count: 50, overscan: 5 })).toEqual({
      first: 44,
      end: 50,
    });
    const huge = computeVisibleRange({ scrollTop: 0, viewportHeight: 100_000, rowHeight: 24, count: 100_000 });
    expect(huge.end - huge.first).toBe(MAX_MOUNTED_ROWS);
    expect(computeVisibleRange({ scrollTop: 0, viewportHeight: 500, rowHeight: 24, count: 0 })).toEqual({ first: 0, end: 0 });
  });

  it("scrolls just enough to reveal a row", () => {
    expect(scrollTopToReveal(10, 0, 240, 24)).toBe(24); // row 10 ends at 264: scroll 24
    expect(scrollTopToReveal(3, 240, 240, 24)).toBe(72);
    expect(scrollTopToReveal(5, 0, 240, 24)).toBeNull();
  });

  // At 390 px the details panel opens under the timeline: its body goes from ~600 px to ~186 px
  // and the row just clicked (row 15, 360-384 px) would sit below the body's new bottom.
  it("keeps a selected row that was in view in view when the body shrinks", () => {
    const shrink = { scrollTop: 0, heightBefore: 600, heightAfter: 186, rowHeight: 24 };
    expect(scrollTopToKeepSelectedInView({ row: 15, ...shrink })).toBe(384 - 186);
    // Still in view at the new height: no scroll.
    expect(scrollTopToKeepSelectedInView({ row: 3, ...shrink })).toBeNull();
    // The reader had scrolled it out of view: left where it is.
    expect(scrollTopToKeepSelectedInView({ row: 40, ...shrink })).toBeNull();
    // No selection, or no change of height.
    expect(scrollTopToKeepSelectedInView({ row: -1, ...shrink })).toBeNull();
    expect(scrollTopToKeepSelectedInView({ row: 30, scrollTop: 0, heightBefore: 600, heightAfter: 600, rowHeight: 24 })).toBeNull();
  });
});

describe("resolveTreeKey", () => {
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#w        api    0..1000
    ├ rpc#a       api    100..600
    │ └ db#a1     api    150..200
    └ rpc#b       api    700..900
    db#late       api    1000..1000
  `),
  );
  const view = createTraceView(trace);
  const rowOf = (rows: TimelineRows, id: string) => findRow(rows, findSpanIndex(trace, id));
  const idAt = (rows: TimelineRows, row: number) => trace.spanId[readTimelineRow(rows, row).spanIndex];

  it("moves up and down within the rows, and jumps", () => {
    const rows = buildTimelineRows(view, new Set());
    expect(resolveTreeKey(rows, 0, "ArrowDown")).toEqual({ type: "move", row: 1 });
    expect(resolveTreeKey(rows, 0, "ArrowUp")).toEqual({ type: "move", row: 0 });
    expect(resolveTreeKey(rows, 4, "ArrowDown")).toEqual({ type: "move", row: 4 });
    expect(resolveTreeKey(rows, 1, "End")).toEqual({ type: "move", row: 4 });
    expect(resolveTreeKey(rows, 3, "Home")).toEqual({ type: "move", row: 0 });
    expect(resolveTreeKey(rows, 0, "PageDown", 3)).toEqual({ type: "move", row: 3 });
    expect(resolveTreeKey(rows, 2, "x")).toBeNull();
    expect(resolveTreeKey(rows, 2, "Enter")).toEqual({ type: "select", row: 2 });
  });

  it("right expands a collapsed row, then goes to its first child; left collapses, then goes to the parent", () => {
    const collapsed = buildTimelineRows(view, new Set(["a"]));
    const a = rowOf(collapsed, "a");
    expect(resolveTreeKey(collapsed, a, "ArrowRight")).toEqual({ type: "toggle", row: a });
    const open = buildTimelineRows(view, new Set());
    expect(idAt(open, (resolveTreeKey(open, rowOf(open, "a"), "ArrowRight") as { row: number }).row)).toBe("a1");
    expect(resolveTreeKey(open, rowOf(open, "a1"), "ArrowRight")).toBeNull();
    expect(resolveTreeKey(open, rowOf(open, "a"), "ArrowLeft")).toEqual({ type: "toggle", row: rowOf(open, "a") });
    expect(idAt(open, (resolveTreeKey(open, rowOf(open, "a1"), "ArrowLeft") as { row: number }).row)).toBe("a");
    expect(idAt(collapsed, (resolveTreeKey(collapsed, a, "ArrowLeft") as { row: number }).row)).toBe("w");
    expect(resolveTreeKey(open, rowOf(open, "late"), "ArrowLeft")).toBeNull();
  });

  it("does nothing on an empty tree", () => {
    expect(
      resolveTreeKey(buildTimelineRows(createTraceView(trace, { hideNames: ["wsgi", "rpc", "db"] }), new Set()), 0, "ArrowDown"),
    ).toBeNull();
  });
});

describe("computeTimeTicks", () => {
  it("labels nice ticks in one unit for the whole axis", () => {
    expect(computeTimeTicks(100_000, 5)).toEqual([
      { fraction: 0, label: "0" },
      { fraction: 0.2, label: "20 ms" },
      { fraction: 0.4, label: "40 ms" },
      { fraction: 0.6, label: "60 ms" },
      { fraction: 0.8, label: "80 ms" },
      { fraction: 1, label: "100 ms" },
    ]);
    const seconds = computeTimeTicks(3_700_000, 4);
    expect(seconds.map((t) => t.label)).toEqual(["0", "1 s", "2 s", "3 s"]);
    expect(seconds[1]!.fraction).toBeCloseTo(1 / 3.7);
    expect(computeTimeTicks(1500, 3).map((t) => t.label)).toEqual(["0", "0.5 ms", "1.0 ms", "1.5 ms"]);
    expect(computeTimeTicks(0)).toEqual([{ fraction: 0, label: "0" }]);
    // A zoomed window 4.5 s into the trace, 2 ms wide: ticks every 0.5 ms, as offsets from the trace's start.
    const zoomed = computeTimeTicks(2000, 4, 4_500_000);
    expect(zoomed.map((t) => t.label)).toEqual(["4,500.0 ms", "4,500.5 ms", "4,501.0 ms", "4,501.5 ms", "4,502.0 ms"]);
    expect(zoomed.map((t) => t.fraction)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(pickDurationUnit(999).suffix).toBe("µs");
    expect(pickDurationUnit(86_400_000_000).suffix).toBe("s");
  });
});

describe("placeTimeTicks", () => {
  it("spaces ticks by the ruler's width, right-aligns at the edge, and drops labels that would collide", () => {
    // 900 px for 13 s: d3's nice 1 s step; "13 s" at the very edge would go left of its line,
    // over "12 s", so its label is dropped (the line stays).
    const wide = placeTimeTicks(13_000_000, 900);
    expect(wide.map((t) => t.label)).toEqual(Array.from({ length: 14 }, (_, k) => (k === 0 ? "0" : `${k} s`)));
    expect(wide.at(-1)).toMatchObject({ fraction: 1, align: "end", showLabel: false });
    expect(wide.slice(0, -1).every((t) => t.showLabel && t.align === "start")).toBe(true);
    // 200 px: a 5 s step, all labels fit.
    expect(placeTimeTicks(13_000_000, 200).map((t) => [t.label, t.showLabel])).toEqual([
      ["0", true],
      ["5 s", true],
      ["10 s", true],
    ]);
    // 60 px: "10 s" would not fit after "5 s".
    expect(placeTimeTicks(13_000_000, 60).map((t) => t.showLabel)).toEqual([true, true, false]);
  });
});

describe("layoutBreakdownChart", () => {
  it("gives each row a band and bars on a shared nice scale", () => {
    const layout = layoutBreakdownChart(
      [
        { key: "nova/api", label: "api", totalUs: 80_000, selfUs: 30_000 },
        { key: "glance/api", label: "api", totalUs: 20_000, selfUs: 20_000 },
      ],
      { width: 560, bandHeight: 20, labelWidth: 160, axisHeight: 20, tickCount: 4 },
    );
    expect(layout.plotWidth).toBe(392);
    expect(layout.height).toBe(60);
    expect(layout.bars.map((b) => b.key)).toEqual(["nova/api", "glance/api"]);
    expect(layout.bars[0]!.y).toBeLessThan(layout.bars[1]!.y);
    expect(layout.bars[0]!.totalWidth).toBeCloseTo(392); // 80 ms is the nice maximum
    expect(layout.bars[0]!.selfWidth).toBeCloseTo((392 * 30) / 80);
    expect(layout.bars[1]!.selfWidth).toBeCloseTo(layout.bars[1]!.totalWidth);
    expect(layout.ticks.map((t) => t.label)).toEqual(["0", "20 ms", "40 ms", "60 ms", "80 ms"]);
  });

  it("labels its axis in one unit: half milliseconds, not '500 µs' beside '1 ms'", () => {
    const layout = layoutBreakdownChart([{ key: "a", label: "a", totalUs: 1400, selfUs: 900 }], { width: 560, tickCount: 4 });
    expect(layout.ticks.map((t) => t.label)).toEqual(["0", "0.5 ms", "1.0 ms", "1.5 ms"]);
  });

  it("draws nothing wide for an all-zero breakdown", () => {
    const layout = layoutBreakdownChart([{ key: "a", label: "a", totalUs: 0, selfUs: 0 }], { width: 300 });
    expect(layout.bars[0]!.totalWidth).toBe(0);
  });
});
