import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, computeCriticalPath, createTraceView, findPathFolds, findSpanIndex } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import {
  centreOverviewWindow,
  dragOverviewWindow,
  hitOverviewWindow,
  overviewWindowToZoom,
  stepOverviewWindow,
  WHOLE_WINDOW,
  zoomToOverviewWindow,
} from "./overviewWindow";
import {
  computeOverviewCoverage,
  computeOverviewRowGeometry,
  findOverviewRow,
  paintOverviewPixels,
  type OverviewCoverage,
} from "./rasterizeOverview";

/** Windows come out of float arithmetic: equal to 12 decimals. */
function expectWindow(actual: { from: number; to: number } | null, from: number, to: number) {
  expect(actual).not.toBeNull();
  expect(actual!.from).toBeCloseTo(from, 12);
  expect(actual!.to).toBeCloseTo(to, 12);
}

describe("the overview's window", () => {
  it("is the zoom as fractions of the whole trace, and back in whole microseconds (null for the whole trace)", () => {
    expect(zoomToOverviewWindow(null, 10_000)).toEqual(WHOLE_WINDOW);
    expect(zoomToOverviewWindow([2_500, 5_000], 10_000)).toEqual({ from: 0.25, to: 0.5 });
    // Past the end (the trace was shorter when the link was made): cut at the end.
    expect(zoomToOverviewWindow([5_000, 20_000], 10_000)).toEqual({ from: 0.5, to: 1 });
    expect(zoomToOverviewWindow([20_000, 30_000], 10_000)).toEqual(WHOLE_WINDOW);
    expect(overviewWindowToZoom({ from: 0.25, to: 0.5 }, 10_000)).toEqual([2_500, 5_000]);
    expect(overviewWindowToZoom({ from: 0.12345, to: 0.5 }, 1_000)).toEqual([123, 500]);
    expect(overviewWindowToZoom({ from: 0.15, to: 0.65 }, 1_000)).toEqual([150, 650]);
    expect(overviewWindowToZoom({ from: 0.5, to: 0.5001 }, 1_000)).toBeNull(); // less than a microsecond
    expect(overviewWindowToZoom(WHOLE_WINDOW, 10_000)).toBeNull();
    expect(overviewWindowToZoom({ from: 0.2, to: 0.5 }, 0)).toBeNull();
  });

  it("tells an edge, the inside and the outside apart; the edges of a narrow window stay reachable", () => {
    const w = { from: 0.4, to: 0.6 };
    expect(hitOverviewWindow(w, 0.405, 0.01)).toBe("start");
    expect(hitOverviewWindow(w, 0.595, 0.01)).toBe("end");
    expect(hitOverviewWindow(w, 0.5, 0.01)).toBe("pan");
    expect(hitOverviewWindow(w, 0.2, 0.01)).toBe("select");
    const narrow = { from: 0.5, to: 0.503 };
    expect(hitOverviewWindow(narrow, 0.5, 0.01)).toBe("start");
    expect(hitOverviewWindow(narrow, 0.503, 0.01)).toBe("end");
    expect(hitOverviewWindow(narrow, 0.5015, 0.01)).toBe("pan");
    // Nothing zoomed: any press selects a window.
    expect(hitOverviewWindow(WHOLE_WINDOW, 0.5, 0.01)).toBe("select");
    expect(hitOverviewWindow(WHOLE_WINDOW, 0, 0.01)).toBe("select");
  });

  it("pans keeping its width and stopping at the ends, moves one edge at a time, selects from the press", () => {
    const window = { from: 0.4, to: 0.6 };
    expectWindow(dragOverviewWindow({ mode: "pan", origin: 0.5, window }, 0.6, 0.01), 0.5, 0.7);
    const far = dragOverviewWindow({ mode: "pan", origin: 0.5, window }, 1, 0.01);
    expect(far.to).toBe(1);
    expect(far.to - far.from).toBeCloseTo(0.2, 12);
    const left = dragOverviewWindow({ mode: "pan", origin: 0.5, window }, 0, 0.01);
    expect(left.from).toBe(0);
    expect(left.to).toBeCloseTo(0.2, 12);
    expectWindow(dragOverviewWindow({ mode: "start", origin: 0.4, window }, 0.1, 0.01), 0.1, 0.6);
    // An edge dragged past the other stops at the minimum width.
    expectWindow(dragOverviewWindow({ mode: "start", origin: 0.4, window }, 0.9, 0.05), 0.55, 0.6);
    expectWindow(dragOverviewWindow({ mode: "end", origin: 0.6, window }, 0.2, 0.05), 0.4, 0.45);
    expectWindow(dragOverviewWindow({ mode: "end", origin: 0.6, window }, 1.7, 0.05), 0.4, 1);
    expectWindow(dragOverviewWindow({ mode: "select", origin: 0.7, window }, 0.2, 0.01), 0.2, 0.7);
    // Barely moved yet: the minimum width around the press, inside the trace.
    expectWindow(dragOverviewWindow({ mode: "select", origin: 0.5, window }, 0.5, 0.1), 0.45, 0.55);
    expectWindow(dragOverviewWindow({ mode: "select", origin: 0, window }, 0, 0.1), 0, 0.1);
  });

  it("centres on a click and steps by key", () => {
    const centred = centreOverviewWindow({ from: 0.4, to: 0.6 }, 0.2);
    expect(centred.from).toBeCloseTo(0.1, 12);
    expect(centred.to).toBeCloseTo(0.3, 12);
    expect(centreOverviewWindow({ from: 0.4, to: 0.6 }, 0.99).to).toBe(1);
    const w = { from: 0.4, to: 0.6 };
    const right = stepOverviewWindow(w, "ArrowRight", 0.01)!;
    expect(right.from).toBeCloseTo(0.42, 12);
    expect(right.to).toBeCloseTo(0.62, 12);
    const inward = stepOverviewWindow(w, "+", 0.01)!;
    expect(inward.to - inward.from).toBeCloseTo(0.2 / 1.5, 12);
    expect((inward.from + inward.to) / 2).toBeCloseTo(0.5, 12);
    expect(stepOverviewWindow({ from: 0, to: 0.9 }, "-", 0.01)).toEqual(WHOLE_WINDOW);
    expect(stepOverviewWindow(w, "0", 0.01)).toEqual(WHOLE_WINDOW);
    expect(stepOverviewWindow(w, "x", 0.01)).toBeNull();
  });
});

describe("the overview's raster", () => {
  // An API call that answers at 40 µs, and the work its cast left behind running to 1000 µs.
  //   api   [0-40]
  //   q      [5-10]
  //   cast      [30-32]
  //   cond       [35 ........................................ 1000]
  //   spawn          [100 .................................. 990]
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#api          osapi_compute   0..40
    ├ db#q            osapi_compute   5..10
    └ rpc#cast        osapi_compute   30..32
      └ rpc#cond      nova-conductor  35..1000
        └ driver#spawn nova-compute   100..990
  `),
  );
  const idx = (id: string) => findSpanIndex(trace, id);
  // Color slots: 0 for the API's spans, 1 for conductor, 2 for compute.
  const colorOf = new Uint16Array(trace.size);
  colorOf[idx("cond")] = 1;
  colorOf[idx("spawn")] = 2;
  const all = buildTimelineRows(createTraceView(trace), new Set());
  const at = (c: OverviewCoverage, channel: number, y: number, x: number) => c.coverage[(channel * c.height + y) * c.width + x]!;
  /** The drawn lines as text, one character per pixel: the heaviest channel's digit, "." for none. */
  const picture = (c: OverviewCoverage) =>
    Array.from({ length: c.height }, (_, y) =>
      Array.from({ length: c.width }, (_, x) => {
        let best = -1,
          weight = 0;
        for (let ch = 0; ch < c.channels; ch++) {
          if (at(c, ch, y, x) > weight) {
            best = ch;
            weight = at(c, ch, y, x);
          }
        }
        return best < 0 ? "." : best === c.channels - 1 ? "f" : String(best);
      }).join(""),
    ).join("\n");

  it("draws every span on the whole trace's axis at its row; long spans thicker", () => {
    const c = computeOverviewCoverage({ rows: all, width: 10, height: 10, colorOf, colorCount: 3, emphasis: null });
    expect(c.channels).toBe(4);
    // 5 rows in 10 px: 2 px each; short spans 1 px thick, long ones (>= 5% of the trace) 3 px.
    expect(computeOverviewRowGeometry(5, 10)).toEqual({ pitch: 2, thick: 1, longThick: 3 });
    expect(picture(c)).toBe(
      [
        "0.........", // api: 0-40 µs is the first pixel (100 µs each)
        "..........",
        "0.........", // q
        "..........",
        "0.........", // cast
        "1111111111", // cond, 3 px thick
        "1111111111",
        "1111111111", // spawn's top line: cond and spawn weigh the same, the first color wins
        ".222222222", // spawn, pushed up to stay inside
        ".222222222",
      ].join("\n"),
    );
    // Long spans weigh 3, short ones 1.
    expect(at(c, 0, 0, 0)).toBe(1);
    expect(at(c, 1, 6, 5)).toBe(3);
    expect(at(c, 2, 8, 5)).toBe(3);
  });

  it("draws the spans of a collapsed subtree at its row, and leaves out what the view hides", () => {
    const view = createTraceView(trace, { hideDb: true });
    const rows = buildTimelineRows(view, new Set(["cast"]));
    expect(rows.count).toBe(2); // api, cast (collapsed)
    const c = computeOverviewCoverage({ rows, width: 10, height: 8, colorOf, colorCount: 3, emphasis: null });
    // 2 rows in 8 px: 4 px each, short spans 2 px thick, long ones 4.
    expect(picture(c)).toBe(
      [
        "..........",
        "0.........", // api
        "0.........",
        "..........",
        "1111111111", // cast's row: cast itself, and cond and spawn from its collapsed subtree
        "1111111111",
        "1111111111",
        "1111111111",
      ].join("\n"),
    );
    for (let y = 0; y < 8; y++) expect(at(c, 2, y, 5)).toBe(y >= 4 ? 3 : 0); // spawn, inside the cast's band only
    expect(at(c, 0, 5, 0)).toBe(1); // the cast itself
  });

  it("finds the row a span is drawn at: its own, its collapsed ancestor's, or none when hidden", () => {
    const view = createTraceView(trace, { hideDb: true });
    const rows = buildTimelineRows(view, new Set(["cast"]));
    expect(findOverviewRow(rows, idx("api"))).toBe(0);
    expect(findOverviewRow(rows, idx("cast"))).toBe(1);
    expect(findOverviewRow(rows, idx("spawn"))).toBe(1);
    expect(findOverviewRow(rows, idx("q"))).toBe(-1);
    expect(findOverviewRow(all, idx("spawn"))).toBe(4);
  });

  it("draws emphasized spans in their colors and the others faint; opacity grows with coverage", () => {
    const emphasis = new Uint8Array(trace.size);
    for (const id of ["api", "cast", "cond", "spawn"]) emphasis[idx(id)] = 1;
    const c = computeOverviewCoverage({ rows: all, width: 10, height: 10, colorOf, colorCount: 3, emphasis });
    expect(picture(c).split("\n")[2]).toBe("f.........");
    const rgb = new Uint8Array([10, 20, 30, 40, 50, 60, 70, 80, 90, 200, 200, 200]);
    const px = paintOverviewPixels(c, rgb);
    const pixel = (y: number, x: number) => [...px.slice((y * 10 + x) * 4, (y * 10 + x) * 4 + 4)];
    expect(pixel(2, 0)).toEqual([200, 200, 200, 70]); // q: faint
    expect(pixel(0, 0)).toEqual([10, 20, 30, 255]); // api: emphasized, solid
    expect(pixel(8, 5)).toEqual([70, 80, 90, 255]); // spawn
    expect(pixel(1, 0)).toEqual([0, 0, 0, 0]);
    // Without emphasis: one short span is translucent, a long one solid.
    const plain = paintOverviewPixels(
      computeOverviewCoverage({ rows: all, width: 10, height: 10, colorOf, colorCount: 3, emphasis: null }),
      rgb,
    );
    expect([...plain.slice(0, 4)]).toEqual([10, 20, 30, 160]);
    expect([...plain.slice((8 * 10 + 5) * 4, (8 * 10 + 5) * 4 + 4)]).toEqual([70, 80, 90, 255]);
  });

  it("draws a closed fold of 'critical path only' as one faint line where the path runs through it, as its row does", () => {
    // The API's statements and a cast among them (its work, off the path, runs to 900) fold into
    // one row carrying 1..9 µs of the 1 ms path; drawn as the fold, not as its spans in their
    // colors (the cast's work would have been a long line in the compute color).
    const boot = buildTrace(
      spansFromDrawing(`
      wsgi#w        api   0..40
      ├ db#a1       api   1..3
      ├ rpc#c2      api   4..5
      │ └ rpc#k     cmp   6..900
      ├ db#a3       api   7..9
      └ rpc#cast    api   20..22
        └ rpc#cond  cond  100..1000
    `),
    );
    const path = computeCriticalPath(boot);
    const view = createTraceView(boot, { criticalOnly: true });
    const folds = findPathFolds(view, path);
    const rows = buildTimelineRows(view, new Set(), { folds, opened: new Set() });
    expect(rows.count).toBe(4); // w, the fold, cast, cond
    const slots = new Uint16Array(boot.size);
    slots[findSpanIndex(boot, "k")] = 1;
    const emphasis = Uint8Array.from(path.bySpan, (us) => (us > 0 ? 1 : 0));
    const c = computeOverviewCoverage({ rows, width: 100, height: 8, colorOf: slots, colorCount: 2, emphasis, path });
    // The fold's row: pixels 2-3 of 8, its 1 px line on the upper one; 1..9 µs is the first pixel
    // (10 µs each), and the cast's work drawn nowhere.
    expect(picture(c).split("\n").slice(2, 4)).toEqual(["f" + ".".repeat(99), ".".repeat(100)]);
    expect([...Array(8).keys()].every((y) => at(c, 1, y, 50) === 0)).toBe(true);
    // Without the path, its spans' own extent: still one faint line.
    const plain = computeOverviewCoverage({ rows, width: 100, height: 8, colorOf: slots, colorCount: 2, emphasis });
    expect(picture(plain).split("\n")[2]).toBe("f" + ".".repeat(99));
    // Opened, its spans are rows of their own again, each in its color.
    const opened = buildTimelineRows(view, new Set(), { folds, opened: new Set(["a1"]) });
    expect(opened.count).toBe(6);
    // A span in a closed fold is marked at the fold's row, not at its parent's.
    expect(findOverviewRow(rows, findSpanIndex(boot, "a3"))).toBe(1);
    expect(findOverviewRow(opened, findSpanIndex(boot, "a3"))).toBe(3);
  });

  it("puts colors past the limit in the last slot, and copes with no rows, no width and a zero-length trace", () => {
    const many = new Uint16Array(trace.size).fill(500);
    const c = computeOverviewCoverage({ rows: all, width: 4, height: 5, colorOf: many, colorCount: 600, emphasis: null });
    expect(c.channels).toBe(25);
    expect(at(c, 23, 0, 0)).toBe(1);
    expect(computeOverviewCoverage({ rows: all, width: 0, height: 5, colorOf, colorCount: 3, emphasis: null }).coverage).toHaveLength(0);
    const empty = buildTimelineRows(
      createTraceView(trace, { hideNames: ["wsgi"], search: { text: "nothing-matches" }, onlyMatches: true }),
      new Set(),
    );
    expect(empty.count).toBe(0);
    expect(
      computeOverviewCoverage({ rows: empty, width: 4, height: 5, colorOf, colorCount: 3, emphasis: null }).coverage.every((w) => w === 0),
    ).toBe(true);
    const instant = buildTrace(
      spansFromDrawing(`
      wsgi#a  api  0..0
    `),
    );
    const one = computeOverviewCoverage({
      rows: buildTimelineRows(createTraceView(instant), new Set()),
      width: 3,
      height: 2,
      colorOf: new Uint16Array(1),
      colorCount: 1,
      emphasis: null,
    });
    // Its duration is 0: drawn across the whole width, 1 px thick in its 2 px row.
    expect([...one.coverage.slice(0, 6)]).toEqual([1, 1, 1, 0, 0, 0]);
  });
});
