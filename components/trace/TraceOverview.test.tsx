// @vitest-environment jsdom
// The overview in jsdom: what it paints (through a recording canvas context), and how drags,
// clicks, keys and markers drive the zoom window. Geometry and pixels are lib/ui's (tested there).
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildTimelineRows, buildTrace, createTraceView, findSpanIndex } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { computeTraceLegend } from "@/lib/ui/computeTraceLegend";
import { WHOLE_WINDOW } from "@/lib/ui/overviewWindow";
import { TraceOverview, type TraceOverviewProps } from "./TraceOverview";

// The API answers at 40 µs; the work its cast left behind runs until 1000 µs.
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#api           osapi_compute   0..40
  ├ db#q             osapi_compute   5..10
  └ rpc#cast         osapi_compute   30..32
    └ rpc#cond       nova-conductor  35..1000
      └ driver#spawn nova-compute    100..990
`),
);
const idx = (id: string) => findSpanIndex(trace, id);
const legend = computeTraceLegend(trace);
const palette = { slotOf: legend.serviceOf, colors: legend.services.map((s) => s.color) };
const rows = buildTimelineRows(createTraceView(trace), new Set());

/** Every putImageData, as the canvas received it. */
let painted: { width: number; height: number; data: Uint8ClampedArray }[] = [];

beforeAll(() => {
  // jsdom has no canvas, no ImageData and no pointer capture: a context that records, and no-ops.
  globalThis.ImageData ??= class {
    constructor(
      public data: Uint8ClampedArray,
      public width: number,
      public height: number,
    ) {}
  } as unknown as typeof ImageData;
  HTMLCanvasElement.prototype.getContext = (() => ({ putImageData: (image: ImageData) => void painted.push(image) })) as never;
  Element.prototype.setPointerCapture = () => {};
});
beforeEach(() => {
  painted = [];
});
afterEach(cleanup);

function renderOverview(over: Partial<TraceOverviewProps> = {}) {
  const props: TraceOverviewProps = {
    rows,
    palette,
    emphasis: null,
    markers: [],
    window: WHOLE_WINDOW,
    firstVisibleRow: 0,
    endVisibleRow: 5,
    widthPx: 100,
    heightPx: 10,
    onWindow: vi.fn(),
    onMarker: vi.fn(),
    ...over,
  };
  const result = render(<TraceOverview {...props} />);
  const area = screen.getByRole("slider", { name: "Zoom window on the whole trace" });
  // 100 px wide at x = 0 on screen, so clientX is the percent of the trace.
  area.getBoundingClientRect = () => ({ left: 0, top: 0, width: 100, height: 10, right: 100, bottom: 10, x: 0, y: 0, toJSON: () => ({}) });
  return {
    ...result,
    props,
    area,
    rerender: (next: Partial<TraceOverviewProps>) => result.rerender(<TraceOverview {...props} {...next} />),
  };
}

const alphaAt = (image: { width: number; data: Uint8ClampedArray }, x: number, y: number) => image.data[(y * image.width + x) * 4 + 3]!;

describe("TraceOverview", () => {
  it("paints every row's span once, and only repaints when the rows or the emphasis change, not the window or the scroll", () => {
    const { rerender } = renderOverview();
    expect(painted).toHaveLength(1);
    expect(painted[0]!.width).toBe(100);
    expect(painted[0]!.height).toBe(10);
    // The spawn (row 4, 100..990 µs) is a long span: solid from x=10 to x=98.
    expect(alphaAt(painted[0]!, 50, 8)).toBe(255);
    expect(alphaAt(painted[0]!, 5, 8)).toBe(0);
    rerender({ window: { from: 0.2, to: 0.4 }, firstVisibleRow: 2, endVisibleRow: 4 });
    expect(painted).toHaveLength(1);
    // Emphasis: the query is not on it, so it turns faint.
    const emphasis = new Uint8Array(trace.size).fill(1);
    emphasis[idx("q")] = 0;
    const before = alphaAt(painted[0]!, 0, 2);
    rerender({ emphasis });
    expect(painted).toHaveLength(2);
    expect(alphaAt(painted[1]!, 0, 2)).toBeLessThan(before);
    expect(alphaAt(painted[1]!, 0, 2)).toBeGreaterThan(0);
  });

  it("draws a trace of 5,000 spans or more after the frame that shows its rows, in idle time, and not at all once the rows changed again", () => {
    const calls = Array.from({ length: 5000 }, (_, k) => `├ db#c${k} osapi_compute ${k * 2}..${k * 2 + 1}`);
    const big = buildTrace(spansFromDrawing([`wsgi#root osapi_compute 0..10000`, ...calls].join("\n")));
    const bigRows = buildTimelineRows(createTraceView(big), new Set());
    const frames: FrameRequestCallback[] = [];
    const idle: IdleRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal("cancelAnimationFrame", (id: number) => void (frames[id - 1] = () => {}));
    vi.stubGlobal("requestIdleCallback", (run: IdleRequestCallback) => idle.push(run));
    vi.stubGlobal("cancelIdleCallback", (id: number) => void (idle[id - 1] = () => {}));
    try {
      const nextFrame = () => frames.splice(0).forEach((run) => run(0));
      const { rerender, unmount } = renderOverview({ rows: bigRows });
      expect(painted).toHaveLength(0);
      // Not in the idle time right after the rows' frame, nor after the next one (the rows'
      // frame may still be rastered and drawn then), but after the third.
      nextFrame();
      nextFrame();
      expect(idle).toHaveLength(0);
      nextFrame();
      expect(painted).toHaveLength(0);
      idle.splice(0).forEach((run) => run({} as IdleDeadline));
      expect(painted).toHaveLength(1);
      // Rows changed twice before the browser was idle: only the last ones are drawn.
      rerender({ rows: buildTimelineRows(createTraceView(big), new Set([big.spanId[0]!])) });
      nextFrame();
      nextFrame();
      nextFrame();
      rerender({ rows: bigRows });
      expect(painted).toHaveLength(2); // the first rows' drawing, kept: shown again at once
      idle.forEach((run) => run({} as IdleDeadline));
      expect(painted).toHaveLength(2);
      // A filtered view of that trace (its DB calls hidden: one span left) waits for the frame too.
      frames.length = idle.length = 0;
      rerender({ rows: buildTimelineRows(createTraceView(big, { hideDb: true }), new Set()) });
      expect(painted).toHaveLength(2);
      nextFrame();
      nextFrame();
      nextFrame();
      idle.splice(0).forEach((run) => run({} as IdleDeadline));
      expect(painted).toHaveLength(3);
      unmount(); // while the stubs are there: its clean-up cancels through them
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("selects a window by dragging on it, and says which", () => {
    const { props, area } = renderOverview();
    fireEvent.pointerDown(area, { clientX: 20, button: 0, pointerId: 1 });
    fireEvent.pointerMove(area, { clientX: 45, pointerId: 1 });
    // While dragging, the window follows the pointer.
    expect(screen.getByTestId("overview-window").style.left).toBe("20%");
    fireEvent.pointerUp(area, { clientX: 50, pointerId: 1 });
    expect(props.onWindow).toHaveBeenLastCalledWith({ from: 0.2, to: 0.5 });
    expect(area.getAttribute("aria-valuetext")).toBe("showing the whole trace (1\u00a0ms)"); // the prop did not change yet
  });

  it("pans the window from inside, resizes it from an edge, moves it to a click, resets on double-click", () => {
    const window = { from: 0.2, to: 0.4 };
    const { props, area } = renderOverview({ window });
    expect(area.getAttribute("aria-valuetext")).toBe("showing 200\u00a0µs to 400\u00a0µs of 1\u00a0ms");
    const drag = (from: number, to: number) => {
      fireEvent.pointerDown(area, { clientX: from, button: 0, pointerId: 1 });
      fireEvent.pointerMove(area, { clientX: to, pointerId: 1 });
      fireEvent.pointerUp(area, { clientX: to, pointerId: 1 });
      return (props.onWindow as ReturnType<typeof vi.fn>).mock.lastCall![0] as { from: number; to: number } | null;
    };
    const panned = drag(30, 60)!;
    expect(panned.from).toBeCloseTo(0.5, 12);
    expect(panned.to).toBeCloseTo(0.7, 12);
    expect(drag(40, 80)).toEqual({ from: 0.2, to: 0.8 }); // the right edge
    expect(drag(21, 5)).toEqual({ from: 0.05, to: 0.4 }); // the left edge
    // A click outside: the window, same width, centred there.
    fireEvent.pointerDown(area, { clientX: 90, button: 0, pointerId: 1 });
    fireEvent.pointerUp(area, { clientX: 90, pointerId: 1 });
    const centred = (props.onWindow as ReturnType<typeof vi.fn>).mock.lastCall![0] as { from: number; to: number };
    expect(centred.from).toBeCloseTo(0.8, 12);
    expect(centred.to).toBeCloseTo(1, 12);
    fireEvent.doubleClick(area);
    expect(props.onWindow).toHaveBeenLastCalledWith(null);
  });

  it("pans and zooms with the keyboard", () => {
    const { props, area } = renderOverview({ window: { from: 0.2, to: 0.4 } });
    fireEvent.keyDown(area, { key: "ArrowRight" });
    const right = (props.onWindow as ReturnType<typeof vi.fn>).mock.lastCall![0] as { from: number; to: number };
    expect(right.from).toBeCloseTo(0.22, 12);
    fireEvent.keyDown(area, { key: "0" });
    expect(props.onWindow).toHaveBeenLastCalledWith(null);
  });

  it("brackets labelled spans over their extent and opens them on a click", () => {
    const { props } = renderOverview({
      markers: [
        { spanIndex: idx("api"), label: "nova-api answered (202)" },
        { spanIndex: idx("spawn"), label: "LibvirtDriver.spawn" },
      ],
    });
    const markers = screen.getAllByTestId("overview-marker");
    expect(markers.map((m) => m.parentElement!.style.left)).toEqual(["0%", "10%"]);
    // api 0..40 µs and spawn 100..990 µs on a 1000 µs trace.
    expect(markers.map((m) => Math.round(parseFloat(m.parentElement!.style.width)))).toEqual([4, 89]);
    expect(markers.map((m) => m.textContent)).toEqual(["nova-api answered (202)", "LibvirtDriver.spawn"]);
    fireEvent.click(screen.getByRole("button", { name: "LibvirtDriver.spawn (show the span)" }));
    expect(props.onMarker).toHaveBeenCalledWith(idx("spawn"));
    expect(props.onWindow).not.toHaveBeenCalled();
  });
});
