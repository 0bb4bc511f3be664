import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { zoomAroundSpan, zoomedAxis, zoomToAxisWindow } from "./traceZoom";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w  nova-api   0..1000
  ├ db#d  nova-api   100..105
  └ rpc#r conductor  995..1000
  `),
);

describe("zoomedAxis", () => {
  it("shows the zoom's window of the trace, or the whole trace", () => {
    expect(zoomedAxis(trace, null)).toEqual({ startUs: T0, endUs: T0 + 1000 });
    expect(zoomedAxis(trace, [100, 300])).toEqual({ startUs: T0 + 100, endUs: T0 + 300 });
    // Past the trace's end: cut at its end; holding none of it: the whole trace.
    expect(zoomedAxis(trace, [900, 5000])).toEqual({ startUs: T0 + 900, endUs: T0 + 1000 });
    expect(zoomedAxis(trace, [2000, 3000])).toEqual({ startUs: T0, endUs: T0 + 1000 });
  });
});

describe("zoomToAxisWindow", () => {
  it("turns fractions of the axis shown into whole µs after the trace's start", () => {
    expect(zoomToAxisWindow({ startUs: T0, endUs: T0 + 1000 }, T0, [0.25, 0.5])).toEqual([250, 500]);
    // Of a zoomed axis, after the trace's start (not the axis'), widened outwards to whole µs.
    expect(zoomToAxisWindow({ startUs: T0 + 100, endUs: T0 + 103 }, T0, [0.5, 0.6])).toEqual([101, 102]);
    // A window of no time (a click, or an axis of none) is no zoom.
    expect(zoomToAxisWindow({ startUs: T0, endUs: T0 + 1000 }, T0, [0.5, 0.5])).toBeNull();
    expect(zoomToAxisWindow({ startUs: T0, endUs: T0 }, T0, [0.2, 0.8])).toBeNull();
  });
});

describe("zoomAroundSpan", () => {
  it("frames a span with a tenth of its length each side, at least 1 µs, never before the start", () => {
    expect(zoomAroundSpan(trace, 0)).toEqual([0, 1100]);
    expect(zoomAroundSpan(trace, 1)).toEqual([99, 106]);
    expect(zoomAroundSpan(trace, 2)).toEqual([994, 1001]);
  });
});
