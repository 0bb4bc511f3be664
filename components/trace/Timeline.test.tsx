// @vitest-environment jsdom
// The virtualized timeline and its rows, rendered by React into jsdom from a hand-drawn trace.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import {
  buildTimelineRows,
  buildTrace,
  computeCriticalPath,
  createTraceView,
  findPathFolds,
  findSpanIndex,
  traceAxis,
  type SpanSearch,
  type TimelineRows,
  type Trace,
} from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { ROW_TEXT_MAX } from "@/lib/ui/clipText";
import { MAX_MOUNTED_ROWS } from "@/lib/ui/computeVisibleRange";
import { ROW_MAX_MARKS, SEARCH_HIGHLIGHT } from "./HighlightedText";
import { Timeline, type TimelineProps } from "./Timeline";
import type { TimelineRowProps } from "./TimelineRow";

// How many times the rows' critical-path stripes are placed (the real function, counted).
const stripes = vi.hoisted(() => ({ placed: 0 }));
vi.mock("@/lib/ui/criticalStripe", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/ui/criticalStripe")>();
  return {
    ...actual,
    criticalStripe: (...args: Parameters<typeof actual.criticalStripe>) => {
      stripes.placed++;
      return actual.criticalStripe(...args);
    },
  };
});

// How many times a row's shown window is worked out (the real function, counted).
const windows = vi.hoisted(() => ({ chosen: 0 }));
vi.mock("@/lib/ui/chooseShownWindow", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/ui/chooseShownWindow")>();
  return {
    ...actual,
    chooseRowShownFrom: (...args: Parameters<typeof actual.chooseRowShownFrom>) => {
      windows.chosen++;
      return actual.chooseRowShownFrom(...args);
    },
  };
});

// How many times a timeline row renders (the real row, counted; memoized as the real one is).
const rowRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock("./TimelineRow", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./TimelineRow")>();
  const { memo } = await import("react");
  const render = (actual.TimelineRow as unknown as { type: (props: TimelineRowProps) => ReactNode }).type;
  const Counted = (props: TimelineRowProps) => {
    rowRenders.count++;
    return render(props);
  };
  return { ...actual, TimelineRow: memo(Counted) };
});

/** Custom highlights as Chromium has them (jsdom has none): the rows then get no search. */
function stubHighlights(): Map<string, { ranges: Range[] }> {
  const registry = new Map<string, { ranges: Range[] }>();
  vi.stubGlobal("CSS", { highlights: registry });
  vi.stubGlobal(
    "Highlight",
    class {
      ranges: Range[];
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
    },
  );
  onTestFinished(() => {
    vi.unstubAllGlobals();
  });
  return registry;
}

beforeAll(() => {
  // jsdom has no layout: no ResizeObserver, and every element is 0 px tall.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  // No canvas in jsdom: the overview draws nothing (TraceOverview.test.tsx records what it paints).
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});
afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

//   wsgi w  [0 ............................. 1000]
//   ├ rpc a     [100 ....... 600]
//   │ ├ db a1     [150 200]
//   │ └ rpc a2        [250 .. 500]   (raised)
//   └ rpc b                       [700 .. ?]  (no stop)
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w        nova-api     0..1000   path="POST /v2.1/servers"
  ├ rpc#a       conductor    100..600  fn=nova.conductor.manager.build
  │ ├ db#a1     conductor    150..200  sql="SELECT * FROM instances WHERE uuid = %(uuid)s"
  │ └ rpc#a2    conductor    250..500  err=MessagingTimeout msg="no reply"
  └ rpc#b       compute      700..?    host=cmp-1
    └ db#b1     compute      720..760  host=cmp-1
`),
);

function renderTimeline(rows: TimelineRows, overrides: Partial<TimelineProps> = {}, Component = Timeline) {
  const props: TimelineProps = {
    trace,
    rows,
    axis: traceAxis(trace),
    colorOf: () => "#4e79a7",
    search: null,
    highlight: null,
    selectedIndex: -1,
    activeIndex: -1,
    onToggle: vi.fn(),
    onSelect: vi.fn(),
    onActivate: vi.fn(),
    onZoom: vi.fn(),
    onZoomWindow: vi.fn(),
    ...overrides,
  };
  const result = render(<Component {...props} />);
  return { ...result, props, rerender: (next: Partial<TimelineProps>) => result.rerender(<Component {...props} {...next} />) };
}

const idx = (id: string) => findSpanIndex(trace, id);
const rowOf = (id: string) => document.querySelector(`[data-span-id="${id}"]`) as HTMLElement;
/** A row's background, drawn in the tone layer under the rows. */
const toneOf = (id: string) => document.querySelector(`[data-tone-row="${rowOf(id).dataset.row}"]`) as HTMLElement;

describe("Timeline", () => {
  it("renders one tree item per row with level, expansion, cells and bar", () => {
    renderTimeline(buildTimelineRows(createTraceView(trace), new Set()));
    const items = screen.getAllByRole("treeitem");
    expect(items.map((el) => el.getAttribute("data-span-id"))).toEqual(["w", "a", "a1", "a2", "b", "b1"]);
    expect(items.map((el) => el.getAttribute("aria-level"))).toEqual(["1", "2", "3", "3", "2", "3"]);
    expect(rowOf("w").getAttribute("aria-expanded")).toBe("true");
    expect(rowOf("a1").hasAttribute("aria-expanded")).toBe(false);
    // Tree column shows the request / SQL / function; then type, project, service, host, ms.
    expect(within(rowOf("w")).getByText("POST /v2.1/servers")).toBeTruthy();
    expect(rowOf("a1").textContent).toContain("SELECT * FROM instances WHERE uuid = %(uuid)s");
    expect(rowOf("b").textContent).toContain("cmp-1");
    expect(rowOf("a").textContent).toContain("0.500"); // 500 µs in ms
    // Raised: a marker naming the exception; no stop: flagged, and its duration is a lower bound.
    expect(within(rowOf("a2")).getByTitle("raised MessagingTimeout")).toBeTruthy();
    expect(rowOf("b").textContent).toContain("unfinished");
    // No stop: b ran at least until its child's end (60 µs), and is flagged; b1 alone proves nothing more.
    expect(rowOf("b").lastElementChild!.textContent).toBe("≥ 0.060");
    // The bar sits on the trace's axis: a starts at 10% and is 50% wide.
    const bar = rowOf("a").querySelector(".timeline-bar-cell > div") as HTMLElement;
    expect(bar.style.left).toBe("10%");
    expect(bar.style.width).toBe("50%");
    // Rows are absolutely placed at row * 24 px inside a spacer as tall as all rows.
    expect(rowOf("a2").style.transform).toBe("translateY(72px)");
    expect(screen.getByRole("tree").firstElementChild!.getAttribute("style")).toContain("height: 144px");
  });

  it("renders the type, project and host cells where the timeline can be wide, and leaves them out of header and rows where it cannot", () => {
    const rows = buildTimelineRows(createTraceView(trace), new Set());
    const header = () => screen.getByText("Levels / request, SQL or function").closest(".timeline-grid")!;
    const { rerender } = renderTimeline(rows);
    // By default (a container that may reach the wide layout) each row holds the type, project and host cells, as the header does.
    expect(header().children).toHaveLength(7);
    for (const row of screen.getAllByRole("treeitem")) expect(row.children).toHaveLength(7);
    expect(rowOf("b").querySelectorAll(".timeline-wide-only")).toHaveLength(3);
    expect(rowOf("b").textContent).toContain("cmp-1");

    rerender({ wideColumns: false });
    expect(header().children).toHaveLength(4);
    for (const row of screen.getAllByRole("treeitem")) expect(row.children).toHaveLength(4);
    expect(screen.getByTestId("timeline").querySelectorAll(".timeline-wide-only")).toHaveLength(0);
    // The host still shows in the service cell's title, the type before the detail.
    expect(within(rowOf("b")).getByTitle(/on cmp-1$/)).toBeTruthy();
    expect(rowOf("a1").querySelector(".timeline-narrow-only")!.textContent).toBe("db");
  });

  it("toggles on the caret, selects on the row", () => {
    const { props } = renderTimeline(buildTimelineRows(createTraceView(trace), new Set(["a"])));
    expect(rowOf("a").getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByText("SELECT * FROM instances WHERE uuid = %(uuid)s")).toBeNull();
    fireEvent.click(within(rowOf("a")).getByRole("button", { name: "Expand" }));
    expect(props.onToggle).toHaveBeenCalledWith(idx("a"));
    expect(props.onSelect).not.toHaveBeenCalled();
    fireEvent.click(rowOf("b"));
    expect(props.onSelect).toHaveBeenCalledWith(idx("b"));
  });

  it("navigates with the keyboard: down, right (first child), left (collapse / parent), enter (select)", () => {
    const rows = buildTimelineRows(createTraceView(trace), new Set());
    const { props, rerender } = renderTimeline(rows, { activeIndex: idx("w") });
    const tree = screen.getByRole("tree");
    expect(tree.getAttribute("aria-activedescendant")).toBe(rowOf("w").id);
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(props.onActivate).toHaveBeenLastCalledWith(idx("a"));
    rerender({ activeIndex: idx("a") });
    expect(tree.getAttribute("aria-activedescendant")).toBe(rowOf("a").id);
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    expect(props.onActivate).toHaveBeenLastCalledWith(idx("a1"));
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(props.onToggle).toHaveBeenLastCalledWith(idx("a"));
    rerender({ activeIndex: idx("a2") });
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(props.onActivate).toHaveBeenLastCalledWith(idx("a"));
    fireEvent.keyDown(tree, { key: "Enter" });
    expect(props.onSelect).toHaveBeenLastCalledWith(idx("a2"));
    fireEvent.keyDown(tree, { key: "End" });
    expect(props.onActivate).toHaveBeenLastCalledWith(idx("b1"));
  });

  it("closes the selected span's details on Escape, and leaves Escape alone when nothing is selected", () => {
    const rows = buildTimelineRows(createTraceView(trace), new Set());
    const onDeselect = vi.fn();
    const { rerender } = renderTimeline(rows, { activeIndex: idx("a"), onDeselect });
    const tree = screen.getByRole("tree");
    expect(fireEvent.keyDown(tree, { key: "Escape" })).toBe(true);
    expect(onDeselect).not.toHaveBeenCalled();
    rerender({ selectedIndex: idx("a") });
    expect(fireEvent.keyDown(tree, { key: "Escape" })).toBe(false);
    expect(onDeselect).toHaveBeenCalledTimes(1);
  });

  it("marks search hits with <mark> where the browser has no custom highlights (jsdom), and highlighted and selected rows", () => {
    expect(typeof CSS === "undefined" || CSS.highlights === undefined).toBe(true); // the fallback path
    const view = createTraceView(trace, { search: { text: "instances" } });
    const highlight = new Uint8Array(trace.size);
    highlight[idx("a2")] = 1;
    renderTimeline(buildTimelineRows(view, new Set()), { search: { text: "instances" }, highlight, selectedIndex: idx("b") });
    expect(rowOf("a1").querySelector("mark")!.textContent).toBe("instances");
    expect(toneOf("a1").className).toContain("bg-amber-50");
    expect(toneOf("a2").className).toContain("bg-violet-100");
    expect(toneOf("b").className).toContain("bg-sky-100");
    expect(rowOf("b").getAttribute("aria-selected")).toBe("true");
    expect(rowOf("w").getAttribute("aria-selected")).toBe("false");
  });

  it("shows the start of a long SQL statement, with the whole statement in its title, and marks the first hits", () => {
    const columns = Array.from({ length: 300 }, (_, k) => `instances.column_${k} AS instances_column_${k}`).join(", ");
    const sql = `SELECT ${columns} FROM instances WHERE instances.deleted = %(deleted_1)s`;
    const long = buildTrace(
      spansFromDrawing(`
      wsgi#w   nova-api   0..1000   path="GET /v2.1/servers/detail"
      └ db#d   nova-api   100..200  sql="${sql}"
    `),
    );
    const view = createTraceView(long, { search: { text: "instances" } });
    render(
      <Timeline
        trace={long}
        rows={buildTimelineRows(view, new Set())}
        axis={traceAxis(long)}
        colorOf={() => "#4e79a7"}
        search={{ text: "instances" }}
        highlight={null}
        selectedIndex={-1}
        activeIndex={-1}
        onToggle={vi.fn()}
        onSelect={vi.fn()}
        onActivate={vi.fn()}
        onZoom={vi.fn()}
        onZoomWindow={vi.fn()}
      />,
    );
    const cell = rowOf("d").querySelector(`[title="${sql}"]`) as HTMLElement;
    expect(cell.textContent).toBe(`db ${sql.slice(0, ROW_TEXT_MAX)}…`); // the type shows before it in a narrow timeline
    // Hits are marks, the first ROW_MAX_MARKS of them; the text between them stays bare text, not an element per part.
    expect(sql.slice(0, ROW_TEXT_MAX).split("instances").length - 1).toBeGreaterThan(ROW_MAX_MARKS);
    const marks = cell.querySelectorAll("mark");
    expect(marks).toHaveLength(ROW_MAX_MARKS);
    expect([...marks].every((m) => m.textContent === "instances")).toBe(true);
    expect(cell.querySelectorAll("span")).toHaveLength(1); // that type's cell
  });

  it("paints search hits from ranges in one custom highlight where the browser has them: no <mark>, the rows' text untouched", () => {
    const registry = stubHighlights();
    const search = { text: "instances" };
    const rows = buildTimelineRows(createTraceView(trace, { search }), new Set());
    const { rerender, unmount } = renderTimeline(rows, { search });
    expect(document.querySelectorAll("mark")).toHaveLength(0);
    expect(toneOf("a1").className).toContain("bg-amber-50"); // the match tint stays
    expect(toneOf("a1").getAttribute("data-match")).toBe("1");
    const painted = registry.get(SEARCH_HIGHLIGHT)!.ranges;
    expect(painted.map((r) => r.toString())).toEqual(["instances"]);
    expect(painted[0]!.startContainer.parentElement!.closest('[role="treeitem"]')).toBe(rowOf("a1"));
    // Another search repaints; no search, or the timeline gone, leaves nothing painted.
    rerender({
      search: { text: "conductor" },
      rows: buildTimelineRows(createTraceView(trace, { search: { text: "conductor" } }), new Set()),
    });
    expect(registry.get(SEARCH_HIGHLIGHT)!.ranges.every((r) => r.toString() === "conductor")).toBe(true);
    expect(
      new Set(registry.get(SEARCH_HIGHLIGHT)!.ranges.map((r) => r.startContainer.parentElement!.closest('[role="treeitem"]'))),
    ).toEqual(new Set([rowOf("a"), rowOf("a1"), rowOf("a2")]));
    rerender({ search: null, rows });
    expect(registry.has(SEARCH_HIGHLIGHT)).toBe(false);
    rerender({ search, rows });
    expect(registry.has(SEARCH_HIGHLIGHT)).toBe(true);
    unmount();
    expect(registry.has(SEARCH_HIGHLIGHT)).toBe(false);
  });

  it("draws the rows' backgrounds in a layer under the rows: a search's tint changes no row element", () => {
    const plain = buildTimelineRows(createTraceView(trace), new Set());
    const { rerender } = renderTimeline(plain);
    const rows = screen.getAllByRole("treeitem");
    const looks = () => rows.map((el) => `${el.className} ${el.getAttribute("style")}`);
    const before = looks();
    const tones = document.querySelector(".timeline-tones")!;
    // Before the rows in the tree (painted under them), one background per mounted row, zebra on odd rows.
    expect(tones.compareDocumentPosition(rows[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(tones.getAttribute("aria-hidden")).toBe("true");
    expect([...tones.children].map((el) => el.className.includes("bg-zinc-50/60"))).toEqual([false, true, false, true, false, true]);
    expect(rows.every((el) => !/\bbg-/.test(el.className))).toBe(true);
    // A search: the matching rows' backgrounds turn amber at either parity; the rows' elements keep their look.
    const search = { text: "conductor" };
    rerender({ rows: buildTimelineRows(createTraceView(trace, { search }), new Set()), search });
    expect(toneOf("a").getAttribute("data-match")).toBe("1");
    expect(["a", "a1", "a2"].map((id) => toneOf(id).className.includes("bg-amber-50"))).toEqual([true, true, true]);
    expect(toneOf("b1").className).toContain("bg-zinc-50/60");
    expect(toneOf("w").className).not.toContain("bg-");
    expect(looks()).toEqual(before);
  });

  it("renders no row at a search keystroke: the matching rows' tones turn amber and carry the match flag", async () => {
    stubHighlights();
    // Loaded afresh, as below: another file may have loaded Timeline with the uncounted row.
    vi.resetModules();
    const { Timeline: Counted } = await import("./Timeline");
    const plain = buildTimelineRows(createTraceView(trace), new Set());
    const { rerender } = renderTimeline(plain, {}, Counted);
    expect(screen.getAllByRole("treeitem")).toHaveLength(6);
    const rendered = rowRenders.count;
    const flagged = () => ["w", "a", "a1", "a2", "b", "b1"].filter((id) => toneOf(id).dataset.match === "1");
    const tinted = () => ["w", "a", "a1", "a2", "b", "b1"].filter((id) => toneOf(id).className.includes("bg-amber-50"));
    expect(flagged()).toEqual([]);
    // Keystrokes: each a new view and rows object over the same tree, other spans matching.
    for (const [text, matching] of [
      ["rpc", ["a", "a2", "b"]],
      ["conductor", ["a", "a1", "a2"]],
      ["instances", ["a1"]],
      ["", []],
    ] as const) {
      const search = text ? { text } : null;
      rerender({ rows: buildTimelineRows(createTraceView(trace, search ? { search } : {}), new Set()), search });
      expect(flagged()).toEqual(matching);
      expect(tinted()).toEqual(matching);
    }
    expect(rowRenders.count).toBe(rendered);
    // A row that renders for its own reasons (selected): its tone keeps the flag.
    const search = { text: "conductor" };
    const searched = buildTimelineRows(createTraceView(trace, { search }), new Set());
    rerender({ rows: searched, search });
    rerender({ rows: searched, search, selectedIndex: idx("a1") });
    expect(rowRenders.count).toBe(rendered + 1);
    expect(flagged()).toEqual(["a", "a1", "a2"]);
    expect(toneOf("a1").className).toContain("bg-sky-100");
  });

  it("lays a right-to-left name and text out in their own directions, apart from the row's other parts, and shows a hit in them", async () => {
    stubHighlights();
    // The same 224 px names column as below: "db " and ~26 characters of statement.
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 224, 24));
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    const hebrew = "שלום עולם זה טקסט ארוך מאוד בעברית";
    const sql = `SELECT '${hebrew}'`;
    const rtl = buildTrace(
      spansFromDrawing(`
      wsgi#w        nova-api     0..1000   path="GET /notes"
      ├ db#q        nova-api     100..200  sql="${sql}"
      └ שאילתה#n    nova-api     300..?    fn=פונקציה
    `),
    );
    vi.resetModules();
    const { Timeline: Measured } = await import("./Timeline");
    const rows = (search: SpanSearch | null) => buildTimelineRows(createTraceView(rtl, { search: search ?? undefined }), new Set());
    const { rerender } = renderTimeline(rows(null), { trace: rtl, axis: traceAxis(rtl) }, Measured);
    const cellOf = (id: string) => within(rowOf(id)).getByTestId("row-name");
    for (const id of ["q", "n"]) {
      const cell = cellOf(id);
      // The cell takes its text's direction; the name before it is isolated with its own, so the
      // cell's is its text's (dir="auto" skips an element with a dir of its own).
      expect(cell.getAttribute("dir")).toBe("auto");
      const name = cell.querySelector(".timeline-narrow-only")!;
      expect(name.getAttribute("dir")).toBe("auto");
      expect(cell.firstElementChild).toBe(name);
      expect(cell.lastChild!.nodeType).toBe(Node.TEXT_NODE);
      // The toggle and the badges are not in it: the row's own flex keeps them where they are.
      expect(cell.querySelector("button")).toBeNull();
    }
    expect(cellOf("n").textContent).toBe("שאילתה פונקציה");
    expect(within(rowOf("n")).getByText("unfinished").closest('[dir="auto"]')).toBeNull();
    // The wide name column too.
    expect(rowOf("n").querySelector('.timeline-wide-only[dir="auto"]')!.textContent).toBe("שאילתה");
    // "עולם" is within the first 26 characters, but the Hebrew string it is in runs past them and
    // is drawn from its right end: the row shows the string from its start, in its own direction.
    const search = { text: "עולם" };
    rerender({ rows: rows(search), search, trace: rtl, axis: traceAxis(rtl) });
    expect(cellOf("q").textContent).toBe(`db …'${hebrew}'`);
    expect(cellOf("q").title).toBe(sql);
  });

  it("shows a row's text from its hit when the names column would clip the hit, and re-renders only rows whose window moves", async () => {
    const registry = stubHighlights();
    // A 224 px (14rem) names column, as laid out; the timeline under 140rem, so a name is shown before its detail.
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 224, 24));
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    vi.resetModules();
    const { Timeline: Counted } = await import("./Timeline");
    const nameCell = (id: string) => within(rowOf(id)).getByTestId("row-name");
    const plain = buildTimelineRows(createTraceView(trace), new Set());
    const { rerender } = renderTimeline(plain, {}, Counted);
    const sql = "SELECT * FROM instances WHERE uuid = %(uuid)s";
    expect(nameCell("a1").textContent).toBe(`db ${sql}`);
    const rendered = rowRenders.count;
    // Typing "instances": its hit in a1's statement lies past the ~19 characters the cell shows after "db".
    for (let n = 1; n <= "instances".length; n++) {
      const search = { text: "instances".slice(0, n) };
      rerender({ rows: buildTimelineRows(createTraceView(trace, { search }), new Set()), search });
    }
    expect(nameCell("a1").textContent).toBe("db …FROM instances WHERE uuid = %(uuid)s");
    expect(nameCell("a1").title).toBe(sql);
    expect(registry.get(SEARCH_HIGHLIGHT)!.ranges.map((r) => r.toString())).toEqual(["instances"]);
    // "i" moved the rows whose first "i" was hidden; "in" to "instances" kept a1's hit where it was, and the others no longer match.
    const moved = rowRenders.count - rendered;
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(2 * 6);
    // Rendered again over the same rows and search (a scroll, a selection): no window worked out again.
    const chosen = windows.chosen;
    expect(chosen).toBeGreaterThan(0);
    const typedRows = buildTimelineRows(createTraceView(trace, { search: { text: "instances" } }), new Set());
    const typed = { text: "instances" };
    rerender({ rows: typedRows, search: typed });
    const once = windows.chosen;
    rerender({ rows: typedRows, search: typed, selectedIndex: idx("w") });
    rerender({ rows: typedRows, search: typed, selectedIndex: idx("a") });
    rerender({ rows: typedRows, search: typed });
    expect(windows.chosen).toBe(once);
    expect(nameCell("a1").textContent).toBe("db …FROM instances WHERE uuid = %(uuid)s");
    // Typing on with the hit where it was renders no row.
    const afterTyping = rowRenders.count;
    rerender({
      rows: buildTimelineRows(createTraceView(trace, { search: { text: "instances " } }), new Set()),
      search: { text: "instances " },
    });
    expect(rowRenders.count).toBe(afterTyping);
    // A hit in view moves nothing; no search shows the text as it was.
    rerender({ rows: buildTimelineRows(createTraceView(trace, { search: { text: "SELECT" } }), new Set()), search: { text: "SELECT" } });
    expect(nameCell("a1").textContent).toBe(`db ${sql}`);
    rerender({ rows: plain, search: null });
    expect(nameCell("a1").textContent).toBe(`db ${sql}`);
  });

  it("shows a search's matches in the server's HTML: the matching rows' tones are tinted before any script runs", () => {
    const search = { text: "conductor" };
    const html = document.createElement("div");
    html.innerHTML = renderToString(everyRowOf(trace, search));
    const tone = (id: string) =>
      html.querySelector(`[data-tone-row="${html.querySelector<HTMLElement>(`[data-span-id="${id}"]`)!.dataset.row}"]`)!.className;
    expect(["w", "a", "a1", "a2", "b", "b1"].filter((id) => tone(id).includes("bg-amber-50"))).toEqual(["a", "a1", "a2"]);
  });

  it("places the critical path's stripes again when the rows change, not at a search keystroke over the same rows", async () => {
    // Unit test files share their worker's modules (vitest.config.ts): another file may have loaded
    // Timeline with the real criticalStripe before this file's mock existed, so load it afresh.
    vi.resetModules();
    const { Timeline: Counted } = await import("./Timeline");
    const criticalPath = computeCriticalPath(trace);
    const plain = buildTimelineRows(createTraceView(trace), new Set());
    const { rerender } = renderTimeline(plain, { criticalPath }, Counted);
    const shownStripes = () =>
      [...document.querySelectorAll<HTMLElement>("[data-testid=critical-stripe]")].map((el) => el.style.backgroundImage);
    const before = shownStripes();
    expect(before.length).toBeGreaterThan(0);
    const placed = stripes.placed;
    expect(placed).toBeGreaterThan(0);
    // A keystroke: a new view and rows object over the same tree (the same arrays), rows newly marked.
    const search = { text: "rpc" };
    const searched = buildTimelineRows(createTraceView(trace, { search }), new Set());
    expect(searched.rows).toBe(plain.rows);
    rerender({ rows: searched, search });
    expect(toneOf("a").getAttribute("data-match")).toBe("1");
    expect(stripes.placed).toBe(placed);
    expect(shownStripes()).toEqual(before);
    // Other rows (a collapse, or "only matches", whose tree depends on the query): placed again.
    rerender({ rows: buildTimelineRows(createTraceView(trace, { search }), new Set(["a"])), search });
    expect(stripes.placed).toBeGreaterThan(placed);
    const afterCollapse = stripes.placed;
    rerender({ rows: buildTimelineRows(createTraceView(trace, { search, onlyMatches: true }), new Set()), search });
    expect(stripes.placed).toBeGreaterThan(afterCollapse);
    expect(rowOf("a1")).toBeNull();
  });

  it("keeps the mounted rows' elements when a filter puts other spans at their positions: updated in place", () => {
    const byRow = () => new Map([...document.querySelectorAll<HTMLElement>("[role=treeitem]")].map((el) => [el.dataset.row, el]));
    const { rerender } = renderTimeline(buildTimelineRows(createTraceView(trace), new Set()));
    const before = byRow();
    expect(before.get("2")!.dataset.spanId).toBe("a1");
    // DB spans hidden: a2 moves up to row 2, into the element that showed a1 there.
    rerender({ rows: buildTimelineRows(createTraceView(trace, { hideDb: true }), new Set()) });
    const after = byRow();
    expect([...after.values()].map((el) => el.dataset.spanId)).toEqual(["w", "a", "a2", "b"]);
    for (const [row, el] of after) expect(el).toBe(before.get(row));
    expect(after.get("2")!.textContent).toContain("conductor");
    expect(after.get("2")!.querySelector("[title]")!.getAttribute("title")).not.toContain("SELECT");
  });

  it("draws bars on a zoomed axis, clipped, and resets the zoom", () => {
    // Zoomed to 100..600 (span a): a fills the window, a2 sits at 30%..80%, b is past the end.
    const { props } = renderTimeline(buildTimelineRows(createTraceView(trace), new Set()), {
      axis: { startUs: trace.startedUs + 100, endUs: trace.startedUs + 600 },
    });
    const bar = (id: string) => rowOf(id).querySelector(".timeline-bar-cell > div") as HTMLElement;
    expect([bar("a").style.left, bar("a").style.width]).toEqual(["0%", "100%"]);
    expect([bar("a2").style.left, bar("a2").style.width]).toEqual(["30%", "50%"]);
    expect(Number.parseFloat(bar("b").style.left)).toBeGreaterThan(100);
    expect(bar("b").parentElement!.className).toContain("overflow-hidden");
    const reset = screen.getByRole("button", { name: "Reset zoom" });
    // Beside the ruler, not over it (where it covered the last tick label).
    expect(screen.getByTestId("time-ruler").contains(reset)).toBe(false);
    fireEvent.click(reset);
    expect(props.onZoom).toHaveBeenCalledWith(null);
  });

  it("drives the zoom from the overview in µs after the trace's start, and shows the whole trace again", () => {
    const { props } = renderTimeline(buildTimelineRows(createTraceView(trace), new Set()), {
      axis: { startUs: trace.startedUs + 100, endUs: trace.startedUs + 600 },
    });
    const overview = screen.getByRole("slider", { name: "Zoom window on the whole trace" });
    expect(overview.getAttribute("aria-valuetext")).toBe("showing 100\u00a0µs to 600\u00a0µs of 1\u00a0ms");
    fireEvent.keyDown(overview, { key: "ArrowRight" });
    expect(props.onZoomWindow).toHaveBeenLastCalledWith([150, 650]);
    fireEvent.keyDown(overview, { key: "0" });
    expect(props.onZoomWindow).toHaveBeenLastCalledWith(null);
    fireEvent.click(screen.getByRole("button", { name: "Show whole trace" }));
    expect(props.onZoom).toHaveBeenLastCalledWith(null);
  });

  it("passes markers and emphasis to the overview: a marker opens its span", () => {
    const emphasis = new Uint8Array(trace.size);
    emphasis[idx("a")] = 1;
    const { props } = renderTimeline(buildTimelineRows(createTraceView(trace), new Set()), {
      emphasis,
      markers: [{ spanIndex: idx("b"), label: "last span started" }],
      onMarker: vi.fn(),
    });
    const marker = screen.getByRole("button", { name: "last span started (show the span)" });
    expect(marker.parentElement!.style.left).toBe("70%"); // b starts at 700 of 1000 µs
    fireEvent.click(marker);
    expect(props.onMarker).toHaveBeenCalledWith(idx("b"));
  });

  it("resizes the names column from its divider by keyboard, and remembers it for the next page", () => {
    // jsdom lays nothing out, and the divider stays hidden until the column's edge is measured:
    // give every element a 300 px wide box so it has an edge to sit on.
    const rect = vi
      .spyOn(HTMLElement.prototype, "getBoundingClientRect")
      .mockReturnValue(DOMRect.fromRect({ x: 0, y: 0, width: 300, height: 20 }));
    onTestFinished(() => rect.mockRestore());
    const rows = buildTimelineRows(createTraceView(trace), new Set());
    renderTimeline(rows);
    const divider = screen.getByRole("separator", { name: "Resize the span names column" });
    const share = () => screen.getByTestId("timeline").style.getPropertyValue("--tree-share");
    expect(divider.getAttribute("aria-valuenow")).toBe("21");
    expect(share()).toBe("0.21");
    fireEvent.keyDown(divider, { key: "ArrowRight" });
    fireEvent.keyDown(divider, { key: "ArrowRight", shiftKey: true });
    expect(divider.getAttribute("aria-valuenow")).toBe("33");
    expect(share()).toBe("0.33");
    expect(window.localStorage.getItem("ostrace:timeline-tree-share")).toBe("0.33");
    cleanup();
    renderTimeline(rows);
    expect(screen.getByRole("separator").getAttribute("aria-valuenow")).toBe("33");
    fireEvent.doubleClick(screen.getByRole("separator"));
    expect(screen.getByRole("separator").getAttribute("aria-valuenow")).toBe("21");
  });

  it("keeps the row on top in place when a new version of a live trace inserts rows above it", () => {
    const drawing = (early: number) =>
      [
        "wsgi#w api 0..100000",
        ...Array.from({ length: early }, (_, k) => `  db#e${k} api ${10 + k}..${11 + k}`),
        ...Array.from({ length: 60 }, (_, k) => `  rpc#r${k} api ${1000 + k * 100}..${1050 + k * 100}`),
      ].join("\n");
    const v1 = buildTrace(spansFromDrawing(drawing(0)));
    const v2 = buildTrace(spansFromDrawing(drawing(10)));
    const { rerender } = renderTimeline(buildTimelineRows(createTraceView(v1), new Set()), { trace: v1, axis: traceAxis(v1) });
    const body = screen.getByRole("tree");
    body.scrollTop = 30 * 24 + 5; // r29 on top, 5 px of it scrolled away
    fireEvent.scroll(body);
    rerender({ trace: v2, rows: buildTimelineRows(createTraceView(v2), new Set()), axis: traceAxis(v2) });
    expect(body.scrollTop).toBe(40 * 24 + 5);
    // A new view of the same trace (a filter hides the ten rows above) keeps that row in place too.
    rerender({ trace: v2, rows: buildTimelineRows(createTraceView(v2, { hideDb: true }), new Set()), axis: traceAxis(v2) });
    expect(body.scrollTop).toBe(30 * 24 + 5);
  });

  it("keeps the selected row where it was on screen when a filter or a collapse changes the rows above it, rendering the new rows once", () => {
    // jsdom lays nothing out: a body 240 px (ten rows) tall.
    const height = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(240);
    onTestFinished(() => height.mockRestore());
    const long = buildTrace(
      spansFromDrawing(
        [
          "wsgi#w api 0..100000",
          ...Array.from(
            { length: 60 },
            (_, k) => `  rpc#r${k} api ${k * 1000}..${k * 1000 + 500}\n    db#d${k} api ${k * 1000 + 10}..${k * 1000 + 20}`,
          ),
        ].join("\n"),
      ),
    );
    const at = (id: string) =>
      Number(document.querySelector(`[data-span-id="${id}"]`)?.getAttribute("data-row") ?? NaN) * 24 - body.scrollTop;
    const all = buildTimelineRows(createTraceView(long), new Set());
    const selected = findSpanIndex(long, "r40");
    const { rerender } = renderTimeline(all, { trace: long, axis: traceAxis(long), selectedIndex: selected });
    const body = screen.getByRole("tree");
    body.scrollTop = 78 * 24 + 5; // r40 (row 81) the fourth row on screen, 5 px of the first scrolled away
    fireEvent.scroll(body);
    expect(at("r40")).toBe(3 * 24 - 5);

    rowRenders.count = 0;
    const noDb = buildTimelineRows(createTraceView(long, { hideDb: true }), new Set());
    rerender({ trace: long, rows: noDb, axis: traceAxis(long), selectedIndex: selected });
    expect(at("r40")).toBe(3 * 24 - 5);
    // Rendered at the kept scrollTop at once, not first at the old one (twice the rows' work).
    expect(rowRenders.count).toBeLessThanOrEqual(screen.getAllByRole("treeitem").length);

    // The selected span hidden by a collapse of its parent: the parent, on screen above it, stays where it was.
    const d40 = findSpanIndex(long, "d40");
    rerender({ trace: long, rows: all, axis: traceAxis(long), selectedIndex: d40 });
    const parentAt = at("r40");
    expect(at("d40")).toBe(parentAt + 24);
    const collapsed = buildTimelineRows(createTraceView(long), new Set(["r40"]));
    rerender({ trace: long, rows: collapsed, axis: traceAxis(long), selectedIndex: d40 });
    expect(at("r40")).toBe(parentAt);
  });

  it("renders a fold row in the same frame as a span row, and activating it renders no span row", () => {
    // 1% of the 10 ms trace is 100 µs: the API's four statements fold into one row.
    const boot = buildTrace(
      spansFromDrawing(`
      wsgi#w       osapi_compute  0..40       path="POST /v2.1/servers"
      ├ db#a1      osapi_compute  1..3        sql="SELECT 1"
      ├ db#a2      osapi_compute  4..6        sql="SELECT 2"
      ├ db#a3      osapi_compute  7..9        sql="SELECT 3"
      ├ db#a4      osapi_compute  10..12      sql="SELECT 4"
      └ rpc#cast   osapi_compute  20..22      fn=build_instances
        └ rpc#cond nova-conductor 100..10000  fn=build_instances
    `),
    );
    const path = computeCriticalPath(boot);
    const view = createTraceView(boot, { criticalOnly: true });
    const rows = buildTimelineRows(view, new Set(), { folds: findPathFolds(view, path), opened: new Set() });
    const { rerender } = renderTimeline(rows, { trace: boot, axis: traceAxis(boot), criticalPath: path });
    const fold = document.querySelector('[data-fold="1"]') as HTMLElement;
    const span = rowOf("cast");
    expect([fold.getAttribute("role"), fold.id, fold.dataset.row, fold.dataset.spanId]).toEqual([
      "treeitem",
      `span-row-${findSpanIndex(boot, "a1")}`,
      "1",
      "a1",
    ]);
    expect([fold.getAttribute("aria-level"), fold.getAttribute("aria-expanded"), fold.getAttribute("aria-selected")]).toEqual([
      "2",
      "false",
      "false",
    ]);
    // One frame: the same classes and placement, the fold's own classes beside them.
    const frameClasses = (el: HTMLElement) =>
      [...el.classList].filter((c) => !["italic", "text-zinc-600", "dark:text-zinc-400"].includes(c));
    expect(frameClasses(fold)).toEqual(frameClasses(span));
    expect([fold.style.height, fold.style.transform, span.style.transform]).toEqual(["24px", "translateY(24px)", "translateY(48px)"]);
    expect(fold.style.borderLeftColor).toBe("transparent");
    // Active: the frame's outline, and only the fold row renders again (the span rows are memoized).
    rowRenders.count = 0;
    rerender({ activeIndex: findSpanIndex(boot, "a1") });
    expect(fold.classList.contains("outline-sky-500")).toBe(true);
    expect(rowRenders.count).toBe(0);
  });

  it("says so when the filters hide every span", () => {
    renderTimeline(buildTimelineRows(createTraceView(trace, { hideNames: ["wsgi", "rpc", "db"] }), new Set()));
    expect(screen.queryAllByRole("treeitem")).toHaveLength(0);
    expect(screen.getByText(/every span is hidden/)).toBeTruthy();
  });
});

describe("Timeline on a 100k-span trace", () => {
  let big: Trace;
  beforeAll(() => {
    const lines = ["wsgi#root api 0..10000000"];
    for (let i = 1; i < 100_000; i++) lines.push(`  db#s${i} api ${i * 10}..${i * 10 + 5}`);
    big = buildTrace(spansFromDrawing(lines.join("\n")));
  });

  it("mounts at most MAX_MOUNTED_ROWS rows even in a viewport tall enough for all of them, and follows the scroll", () => {
    const tall = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(2_400_000);
    try {
      render(everyRowOf(big));
      expect(screen.getAllByRole("treeitem")).toHaveLength(MAX_MOUNTED_ROWS);
      const body = screen.getByRole("tree");
      expect(body.getAttribute("data-row-count")).toBe("100000");
      body.scrollTop = 24 * 50_000;
      fireEvent.scroll(body);
      const ids = screen.getAllByRole("treeitem").map((el) => el.getAttribute("data-span-id"));
      expect(ids).toHaveLength(MAX_MOUNTED_ROWS);
      expect(ids[0]).toBe("s49990"); // overscan of 10 rows above row 50000
    } finally {
      tall.mockRestore();
    }
  });

  it("puts only the rows of its guessed viewport in the server's HTML, and the overscan once it has measured itself", () => {
    const element = everyRowOf(big);
    // 600 px guessed / 24 px rows: 25 rows and nothing below them.
    expect(renderToString(element).match(/role="treeitem"/g)).toHaveLength(25);
    const measured = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(480);
    try {
      render(element);
      // Measured at 480 px: its 20 rows, and 10 more below for the scroll.
      expect(screen.getAllByRole("treeitem")).toHaveLength(30);
    } finally {
      measured.mockRestore();
    }
  });

  it("draws new rows (a filter) without the overscan, and adds it once that frame is painted", async () => {
    const measured = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(480);
    try {
      const calls = ["wsgi#w api 0..100000"];
      for (let k = 0; k < 60; k++)
        calls.push(`  rpc#r${k} api ${k * 1000}..${k * 1000 + 500}`, `    db#d${k} api ${k * 1000 + 10}..${k * 1000 + 20}`);
      const long = buildTrace(spansFromDrawing(calls.join("\n")));
      const rowsOf = (hideDb: boolean) => buildTimelineRows(createTraceView(long, { hideDb }), new Set());
      const { rerender } = renderTimeline(rowsOf(false), { trace: long, axis: traceAxis(long) });
      // Measured at 480 px: its 20 rows, and 10 more below for the scroll.
      expect(screen.getAllByRole("treeitem")).toHaveLength(30);
      const noDb = rowsOf(true);
      rerender({ trace: long, rows: noDb, axis: traceAxis(long) });
      // The 20 rows in view, none below them...
      const shown = () => screen.getAllByRole("treeitem").map((el) => el.dataset.spanId);
      expect(shown()).toEqual(["w", ...Array.from({ length: 19 }, (_, k) => `r${k}`)]);
      // ...and the 10 below once the frame is painted and the page idle.
      await waitFor(() => expect(shown()).toHaveLength(30));
      expect(shown().slice(20)).toEqual(Array.from({ length: 10 }, (_, k) => `r${k + 19}`));
      // A search keystroke's rows over the same arrays are no new rows: the overscan stays.
      rerender({ trace: long, rows: { ...noDb }, axis: traceAxis(long) });
      expect(shown()).toHaveLength(30);
      // The next version of a trace still arriving is no reader's change: drawn with its overscan.
      const next = buildTrace(spansFromDrawing(calls.join("\n")));
      rerender({ trace: next, rows: buildTimelineRows(createTraceView(next, { hideDb: true }), new Set()), axis: traceAxis(next) });
      expect(shown()).toHaveLength(30);
    } finally {
      measured.mockRestore();
    }
  });
});

/** The timeline of `t` with every row shown, and the matches of `search` if given. */
function everyRowOf(t: Trace, search: SpanSearch | null = null) {
  return (
    <Timeline
      trace={t}
      rows={buildTimelineRows(createTraceView(t, search ? { search } : {}), new Set())}
      axis={traceAxis(t)}
      colorOf={() => "#888"}
      search={search}
      highlight={null}
      selectedIndex={-1}
      activeIndex={-1}
      onToggle={() => {}}
      onSelect={() => {}}
      onActivate={() => {}}
      onZoom={() => {}}
      onZoomWindow={() => {}}
    />
  );
}
