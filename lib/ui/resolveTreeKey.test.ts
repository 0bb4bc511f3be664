import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, computeCriticalPath, createTraceView, findPathFolds } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { resolveTreeKey } from "./resolveTreeKey";

// (Keys on ordinary rows: lib/ui/timelineGeometry.test.ts.) Three statements carrying 3 µs of a
// 10 ms path: one fold row, at row 1.
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w      api   0..10000
  ├ db#d1     api   1..2
  ├ db#d2     api   3..4
  ├ db#d3     api   5..6
  └ rpc#r     api   10..9990
`),
);
const view = createTraceView(trace, { criticalOnly: true });
const rows = buildTimelineRows(view, new Set(), { folds: findPathFolds(view, computeCriticalPath(trace)), opened: new Set() });

describe("resolveTreeKey on a fold row", () => {
  it("opens it on right, Enter and Space (a toggle, as a collapsed row expands); left goes to the parent", () => {
    expect(rows.count).toBe(3);
    expect(rows.folded![rows.rows[1]!]).toBe(1);
    for (const key of ["ArrowRight", "Enter", " "]) expect(resolveTreeKey(rows, 1, key)).toEqual({ type: "toggle", row: 1 });
    expect(resolveTreeKey(rows, 1, "ArrowLeft")).toEqual({ type: "move", row: 0 });
    expect(resolveTreeKey(rows, 1, "ArrowDown")).toEqual({ type: "move", row: 2 });
    // The span it starts with, a row of its own once opened: Enter opens the details again.
    const opened = buildTimelineRows(view, new Set(), { folds: rows.folds!, opened: new Set(["d1"]) });
    expect(resolveTreeKey(opened, 1, "Enter")).toEqual({ type: "select", row: 1 });
    expect(resolveTreeKey(opened, 1, "ArrowRight")).toBeNull();
  });
});
