import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, createTraceView, findRow, findSpanIndex, type TimelineRows } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { scrollTopToKeepInPlace } from "./scrollTopToKeepInPlace";

const H = 24;
const VIEWPORT = 10 * H;

// A request of 40 RPC calls, each with three statements and a nested call with one more: 241 rows.
const lines = ["wsgi#w api 0..100000"];
for (let k = 0; k < 40; k++) {
  const last = k === 39;
  const [branch, down] = last ? ["└", " "] : ["├", "│"];
  lines.push(`${branch} rpc#r${k} api ${k * 2000 + 10}..${k * 2000 + 1900}`);
  for (const d of [0, 1, 2]) lines.push(`${down} ├ db#d${k}-${d} api ${k * 2000 + 20 + d * 100}..${k * 2000 + 90 + d * 100}`);
  lines.push(`${down} └ rpc#n${k} api ${k * 2000 + 500}..${k * 2000 + 900}`);
  lines.push(`${down}   └ db#nd${k} api ${k * 2000 + 510}..${k * 2000 + 520}`);
}
const trace = buildTrace(spansFromDrawing(lines.join("\n")));
const span = (id: string) => findSpanIndex(trace, id);
const all = buildTimelineRows(createTraceView(trace), new Set());
const noDb = buildTimelineRows(createTraceView(trace, { hideDb: true }), new Set());

/** Where a span's row is on screen (px from the body's top) at a scrollTop, or null when it has none. */
function screenTop(rows: TimelineRows, id: string, scrollTop: number): number | null {
  const row = findRow(rows, span(id));
  return row < 0 ? null : row * H - scrollTop;
}

function keep(before: TimelineRows, after: TimelineRows, scrollTop: number, selected: string | null) {
  const kept = scrollTopToKeepInPlace({
    before,
    after,
    scrollTop,
    viewportHeight: VIEWPORT,
    rowHeight: H,
    selectedIndex: selected === null ? -1 : span(selected),
  });
  return kept ?? scrollTop;
}

describe("scrollTopToKeepInPlace", () => {
  it("keeps the selected row where it was on screen when DB spans are hidden, and again when they come back", () => {
    // r30 is row 181 of 241; scrolled so that it is the fourth row on screen.
    const scrollTop = (findRow(all, span("r30")) - 3) * H + 7;
    expect(screenTop(all, "r30", scrollTop)).toBe(3 * H - 7);
    const hidden = keep(all, noDb, scrollTop, "r30");
    expect(screenTop(noDb, "r30", hidden)).toBe(3 * H - 7);
    const shown = keep(noDb, all, hidden, "r30");
    expect(screenTop(all, "r30", shown)).toBe(3 * H - 7);
    expect(shown).toBe(scrollTop);
  });

  it("keeps the nearest ancestor with a row where it was when the selected span is hidden", () => {
    // d30-2 selected, its parent r30 three rows above it, both on screen.
    const scrollTop = (findRow(all, span("d30-2")) - 5) * H;
    const kept = keep(all, noDb, scrollTop, "d30-2");
    expect(screenTop(noDb, "r30", kept)).toBe(screenTop(all, "r30", scrollTop));
    // The parent off screen (above): the ancestor takes the selected row's place.
    const low = findRow(all, span("d30-2")) * H;
    expect(screenTop(all, "r30", low)).toBeLessThan(0);
    expect(screenTop(noDb, "r30", keep(all, noDb, low, "d30-2"))).toBe(0);
  });

  it("keeps the row a collapse hid the selected span in (the collapsed ancestor) where it was", () => {
    const scrollTop = (findRow(all, span("r20")) - 2) * H;
    const collapsed = buildTimelineRows(createTraceView(trace), new Set(["r20"]));
    expect(collapsed).not.toBe(all);
    const kept = keep(all, collapsed, scrollTop, "nd20");
    expect(screenTop(collapsed, "r20", kept)).toBe(2 * H);
    // Expanding again keeps the collapsed row where it is (it is selected now).
    const expanded = keep(collapsed, all, kept, "r20");
    expect(screenTop(all, "r20", expanded)).toBe(2 * H);
  });

  it("without a selected row on screen, keeps the top row (or its nearest ancestor with a row) in place", () => {
    const scrollTop = findRow(all, span("r25")) * H + 5;
    expect(screenTop(noDb, "r25", keep(all, noDb, scrollTop, null))).toBe(-5);
    // Selected far above the screen: the same.
    expect(screenTop(noDb, "r25", keep(all, noDb, scrollTop, "r1"))).toBe(-5);
    // The top row is a statement: its call stays where the statement was.
    const onDb = findRow(all, span("d25-1")) * H;
    const kept = keep(all, noDb, onDb, null);
    expect(screenTop(noDb, "r25", kept)).toBeLessThanOrEqual(0);
    expect(screenTop(noDb, "r25", kept)).toBeGreaterThan(-H);
  });

  it("stays within the rows: near the end it scrolls as far as the rows go", () => {
    const scrollTop = all.count * H - VIEWPORT;
    const kept = keep(all, noDb, scrollTop, "n39");
    expect(kept).toBe(noDb.count * H - VIEWPORT);
    const row = findRow(noDb, span("n39"));
    expect(row * H - kept).toBeGreaterThanOrEqual(0);
    expect(row * H - kept + H).toBeLessThanOrEqual(VIEWPORT);
  });

  it("returns null when nothing moves, and for rows of another trace", () => {
    expect(
      scrollTopToKeepInPlace({ before: all, after: all, scrollTop: 240, viewportHeight: VIEWPORT, rowHeight: H, selectedIndex: -1 }),
    ).toBeNull();
    const other = buildTimelineRows(createTraceView(buildTrace(spansFromDrawing("wsgi#w api 0..10"))), new Set());
    expect(
      scrollTopToKeepInPlace({ before: all, after: other, scrollTop: 240, viewportHeight: VIEWPORT, rowHeight: H, selectedIndex: -1 }),
    ).toBeNull();
  });
});
