import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, computeCriticalPath, createTraceView } from "../trace";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { criticalStripe } from "./criticalStripe";
import { placeRowOverlays } from "./placeRowOverlays";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#api      api    0..100
  └ rpc#cast    api    50..51
    └ rpc#work  worker 500..1000  err=Timeout
`),
);
const path = computeCriticalPath(trace);
const axis = { startUs: T0, endUs: T0 + 1000 };
const view = createTraceView(trace);
const stripe = (from: number, to: number) => criticalStripe(path, path.firstSegment[from]!, path.firstSegment[to]!, axis);
const plain = { kind: "span", subtreeStart: NaN, subtreeWidth: NaN, hiddenSpans: 0, hiddenErrors: 0 };

describe("placeRowOverlays", () => {
  it("gives an open row its own pieces of the path and nothing hidden, for the rows asked", () => {
    const rows = buildTimelineRows(view, new Set());
    expect(placeRowOverlays(trace, rows, 0, 3, axis, path)).toEqual([
      { ...plain, stripe: stripe(0, 1) },
      { ...plain, stripe: stripe(1, 2) },
      { ...plain, stripe: stripe(2, 3) },
    ]);
    expect(placeRowOverlays(trace, rows, 1, 2, axis, path)).toEqual([{ ...plain, stripe: stripe(1, 2) }]);
    // No path yet: no stripes.
    expect(placeRowOverlays(trace, rows, 0, 1, axis, null)).toEqual([{ ...plain, stripe: null }]);
  });

  it("gives a collapsed row its whole subtree's pieces, extent, spans and errors", () => {
    const rows = buildTimelineRows(view, new Set(["cast"]));
    expect(rows.count).toBe(2);
    expect(placeRowOverlays(trace, rows, 0, 2, axis, path)).toEqual([
      { ...plain, stripe: stripe(0, 1) },
      { kind: "span", stripe: stripe(1, 3), subtreeStart: 0.05, subtreeWidth: 0.95, hiddenSpans: 1, hiddenErrors: 1 },
    ]);
  });
});
