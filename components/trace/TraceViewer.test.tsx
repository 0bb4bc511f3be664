// @vitest-environment jsdom
// The whole trace page client in jsdom: the compact trace as the API sends it, the view state
// going into the URL, and a fresh page built from that URL showing the same view.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTrace, computeDbBreakdown, convertTraceToCompact, createTraceView } from "@/lib/trace";
import { splitTraceIntoChunks } from "@/lib/trace/splitTraceIntoChunks";
import { compactTraceChunksUrl, compactTracePreviewUrl, compactTraceUrl } from "@/lib/ui/apiUrls";
import { explainWholeTrace } from "@/lib/ui/explainWholeTrace";
import { writeFindingsJson } from "@/lib/ui/findingsJson";
import { DRAWN_TRACE_ID, spansFromDrawing } from "@/testing/spansFromDrawing";
import { hydrateServerHtml } from "@/tests/support/hydrateServerHtml";
import { LazySpanDetailsPanel } from "./lazyPanels";
import { TraceViewer } from "./TraceViewer";

// How many times the page builds its timeline rows (the real function, counted).
const rowBuilds = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/trace/buildTimelineRows", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/trace/buildTimelineRows")>();
  return {
    ...actual,
    buildTimelineRows: (...args: Parameters<typeof actual.buildTimelineRows>) => {
      rowBuilds.count++;
      return actual.buildTimelineRows(...args);
    },
  };
});

// The statements panel is a lazily loaded module: its first import can take seconds on a busy machine.
const LAZY_PANEL = { timeout: 10_000 };

const spans = spansFromDrawing(`
  wsgi#w1           osapi_compute  0..10000    path="POST /v2.1/servers"
  ├ compute_api#c1  osapi_compute  100..6000   fn=nova.compute.api.API.create
  │ ├ db#d1         osapi_compute  200..400    sql="SELECT * FROM flavors WHERE flavorid = %(id)s"
  │ ├ db#d2         osapi_compute  500..700    sql="SELECT * FROM quotas"
  │ └ wsgi#g1       api            2000..5000  path="GET /v2/images/x" project=glance
  │   └ db#d3       api            2100..2300  sql="SELECT * FROM images" project=glance
  └ rpc#r1          nova-conductor 6100..9000  fn=nova.conductor.rpcapi.build_instances
    └ db#d4         nova-conductor 6200..6300  sql="UPDATE instances SET host = %(host)s"
`);
const compact = convertTraceToCompact(buildTrace(spans));
const PATH = `/traces/${DRAWN_TRACE_ID}`;
/**
 * A server create whose API ran four tiny statements before its cast: in "critical path only"
 * the statements (8 µs of the 10 ms path) fold into one row, a1's.
 */
const boot = spansFromDrawing(`
  wsgi#w       osapi_compute  0..40       path="POST /v2.1/servers"
  ├ db#a1      osapi_compute  1..3        sql="SELECT 1 FROM flavors"
  ├ db#a2      osapi_compute  4..6        sql="SELECT 2 FROM quotas"
  ├ db#a3      osapi_compute  7..9        sql="SELECT 3 FROM images"
  ├ db#a4      osapi_compute  10..12      sql="SELECT 4 FROM networks"
  └ rpc#cast   osapi_compute  20..22      fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances
    └ rpc#cond nova-conductor 100..10000  fn=nova.conductor.manager.ComputeTaskManager.build_instances
`);

/** `boot` with the conductor's work going on for 300 ms after the API answered: it opens on its critical path. */
const BOOT_WORKED = `
  wsgi#w       osapi_compute  0..40       path="POST /v2.1/servers"
  ├ db#a1      osapi_compute  1..3        sql="SELECT 1 FROM flavors"
  ├ db#a2      osapi_compute  4..6        sql="SELECT 2 FROM quotas"
  ├ db#a3      osapi_compute  7..9        sql="SELECT 3 FROM images"
  ├ db#a4      osapi_compute  10..12      sql="SELECT 4 FROM networks"
  └ rpc#cast   osapi_compute  20..22      fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances
    └ rpc#cond nova-conductor 100..300000 fn=nova.conductor.manager.ComputeTaskManager.build_instances
`;

/** The conductor's work after the cast: 3 s, long after the API's 40 ms answer; or done before it. */
const ASYNC_CONDUCTOR = "36000..3000000";
const SYNC_CONDUCTOR = "36000..39000";

/** A server create whose API runs `statements` statements of 1 µs before its cast: statements + 3 spans. */
function serverCreateWith(statements: number, conductor: string) {
  return spansFromDrawing(
    [
      'wsgi#w osapi_compute 0..40000 path="POST /v2.1/servers"',
      ...Array.from({ length: statements }, (_, k) => `├ db#s${k} osapi_compute ${10 + k * 10}..${11 + k * 10} sql="SELECT ${k}"`),
      "└ rpc#cast osapi_compute 35000..35010 fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances",
      `  └ rpc#cond nova-conductor ${conductor} fn=nova.conductor.manager.ComputeTaskManager.build_instances`,
    ].join("\n"),
  );
}

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  HTMLCanvasElement.prototype.getContext = (() => null) as never; // no canvas in jsdom: an empty overview
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serveTrace(served = spans) {
  const servedCompact = served === spans ? compact : convertTraceToCompact(buildTrace(served));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (url === compactTraceChunksUrl(DRAWN_TRACE_ID)) return Response.json(servedCompact); // a server without chunks: plain JSON
      const span = served.find((s) => url.endsWith(`/spans/${s.spanId}`));
      return span ? Response.json(span) : Response.json({ error: "not found" }, { status: 404 });
    }),
  );
}

/**
 * Serves a big trace as the page loads one: `preview` at once, then the chunks of `served`, the
 * first one only until the returned function is called.
 */
function serveChunksHeld(preview: unknown, served: typeof spans): () => void {
  const lines = [...splitTraceIntoChunks(buildTrace(served), { first: 3, rest: 2 })].map((line) => `${JSON.stringify(line)}\n`);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (url === compactTracePreviewUrl(DRAWN_TRACE_ID)) return Response.json(preview);
      if (url !== compactTraceChunksUrl(DRAWN_TRACE_ID)) return Response.json({ error: "not found" }, { status: 404 });
      let k = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (k === 1) await held; // the first chunk is in, the rest waits
          if (k === lines.length) return controller.close();
          controller.enqueue(new TextEncoder().encode(lines[k++]!));
        },
      });
      return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
    }),
  );
  return release;
}

const shownIds = () => screen.getAllByRole("treeitem").map((el) => el.getAttribute("data-span-id"));

async function openPage(query: string, served = spans) {
  window.history.replaceState(null, "", query ? `${PATH}?${query}` : PATH);
  serveTrace(served);
  render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery={query} />);
  await waitFor(() => expect(screen.getAllByRole("treeitem").length).toBeGreaterThan(0));
}

describe("TraceViewer", () => {
  it("loads the compact trace and shows every span, with the summary", async () => {
    await openPage("");
    expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1", "d4"]);
    expect(screen.getByTestId("trace-title").textContent).toBe("POST /v2.1/servers");
    expect(screen.getByTestId("trace-span-count").textContent).toBe("8");
    expect(screen.getByTestId("trace-duration").textContent).toBe("10\u00a0ms");
    expect(screen.getByRole("list", { name: "Services (legend)" }).textContent).toContain("glance /api");
    // The page's main landmark (a screen reader's "skip to main"), as the list and statement pages have.
    expect(screen.getByRole("main").contains(screen.getByTestId("trace-title"))).toBe(true);
  });

  it("says a capped trace was cut short first inside the main landmark, while it loads and once drawn", async () => {
    const truncation = "64 spans not stored: trace cap of 100 spans (OSTRACE_TRACE_MAX_SPANS) reached";
    window.history.replaceState(null, "", PATH);
    serveTrace();
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" truncation={truncation} />);
    const banner = () => within(screen.getByRole("main")).getByTestId("trace-truncated");
    expect(screen.getByTestId("trace-loading")).toBeTruthy();
    expect(screen.getByRole("main").firstElementChild).toBe(banner());
    await waitFor(() => expect(screen.getAllByRole("treeitem").length).toBeGreaterThan(0));
    expect(screen.getByRole("main").firstElementChild).toBe(banner());
    expect(banner().getAttribute("role")).toBe("status");
    expect(banner().textContent).toBe(`${truncation}. What is shown is what was stored before that.`);
  });

  it("renders no type, project or host cells in the timeline: the page is never wide enough to show them", async () => {
    await openPage("");
    const timeline = screen.getByTestId("timeline");
    expect(timeline.querySelectorAll(".timeline-wide-only")).toHaveLength(0);
    // Each row and the header hold the same cells: tree, bar, service, duration.
    const header = screen.getByText("Levels / request, SQL or function").closest(".timeline-grid")!;
    expect(header.children).toHaveLength(4);
    for (const row of screen.getAllByRole("treeitem")) expect(row.children).toHaveLength(4);
    // What the narrow layout folds in is still there: the type before the detail, "project / service".
    const d1 = screen.getAllByRole("treeitem").find((el) => el.getAttribute("data-span-id") === "d1")!;
    expect(d1.querySelector(".timeline-narrow-only")!.textContent).toBe("db");
    expect(d1.children[2]!.textContent).toContain("nova / osapi_compute");
  });

  it("hides DB spans: rows disappear, counts change, the URL says so, and a fresh page from that URL shows the same", async () => {
    await openPage("");
    fireEvent.click(screen.getByRole("checkbox", { name: /Hide DB spans/ }));
    expect(shownIds()).toEqual(["w1", "c1", "g1", "r1"]);
    expect(screen.getByTestId("hidden-counts").textContent).toBe("Showing 4 of 8 spans · hidden: 4 DB");
    await waitFor(() => expect(window.location.search).toBe("?hideDb=1"));

    fireEvent.click(within(document.querySelector('[data-span-id="c1"]')!).getByRole("button", { name: "Collapse" }));
    expect(shownIds()).toEqual(["w1", "c1", "r1"]);
    fireEvent.click(document.querySelector('[data-span-id="r1"]')!);
    await waitFor(() => expect(window.location.search).toBe("?hideDb=1&span=r1&toggle=c1"));
    // The panel's code is loaded on demand (preloaded once the page is idle; this click may come first).
    await waitFor(() =>
      expect(screen.getByRole("complementary", { name: "Span details" }).textContent).toContain("nova.conductor.rpcapi.build_instances"),
    );

    const url = window.location.search.slice(1);
    cleanup();
    await openPage(url);
    expect(shownIds()).toEqual(["w1", "c1", "r1"]);
    expect(screen.getByRole("checkbox", { name: /Hide DB spans/ })).toHaveProperty("checked", true);
    expect(document.querySelector('[data-span-id="r1"]')!.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("complementary", { name: "Span details" })).toBeTruthy();
  });

  it("searches, shows only matches with their ancestors, and jumps to a match", async () => {
    await openPage("");
    fireEvent.change(screen.getByRole("searchbox", { name: "Search spans" }), { target: { value: "images" } });
    expect(screen.getByTestId("search-status").textContent).toBe("2 matches");
    expect(document.querySelectorAll("mark")).toHaveLength(2);
    fireEvent.click(screen.getByRole("checkbox", { name: "Only matches" }));
    expect(shownIds()).toEqual(["w1", "c1", "g1", "d3"]);
    fireEvent.click(screen.getByRole("button", { name: "Next match" }));
    await waitFor(() => expect(document.querySelector('[data-span-id="g1"]')!.getAttribute("aria-selected")).toBe("true"));
    await waitFor(() => expect(window.location.search).toBe("?q=images&only=1&span=g1"));
  });

  it("says a search's matches are hidden by the view rather than absent, and the next match shows one", async () => {
    await openPage("hideDb=1");
    const status = screen.getByTestId("search-status");
    fireEvent.change(screen.getByRole("searchbox", { name: "Search spans" }), { target: { value: "UPDATE instances" } });
    // d4, a DB span: hidden, not missing.
    expect(status.textContent).toBe("1 hidden");
    expect(status.getAttribute("title")).toMatch(/^1 match, all hidden by the view \(critical path only, DB spans, types or services\)/);
    fireEvent.click(screen.getByRole("button", { name: "Next match" }));
    await waitFor(() => expect(document.querySelector('[data-span-id="d4"]')!.getAttribute("aria-selected")).toBe("true"));
    expect(screen.getByRole("checkbox", { name: /Hide DB spans/ })).toHaveProperty("checked", false);
    expect(status.textContent).toBe("1 match");
    expect(status.getAttribute("title")).toBeNull();
  });

  it("collapses all, expands to a level, expands all", async () => {
    await openPage("");
    fireEvent.click(screen.getByRole("button", { name: "Collapse all" }));
    expect(shownIds()).toEqual(["w1"]);
    fireEvent.change(screen.getByRole("combobox", { name: "Expand to level" }), { target: { value: "1" } });
    expect(shownIds()).toEqual(["w1", "c1", "r1"]);
    await waitFor(() => expect(window.location.search).toBe("?level=1"));
    fireEvent.click(screen.getByRole("button", { name: "Expand all" }));
    expect(shownIds()).toHaveLength(8);
  });

  it("highlights the calls of a DB statement and reveals the first one", async () => {
    await openPage("level=0&hideDb=1");
    fireEvent.click(screen.getByRole("tab", { name: "DB statements" }));
    fireEvent.click(within(await screen.findByTestId("db-statements", {}, LAZY_PANEL)).getByRole("button", { name: /images/i }));
    await waitFor(() => expect(document.querySelector('[data-span-id="d3"]')?.getAttribute("data-highlighted")).toBe("1"));
    expect(document.querySelector('[data-span-id="d3"]')!.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("checkbox", { name: /Hide DB spans/ })).toHaveProperty("checked", false);
    const group = computeDbBreakdown(createTraceView(buildTrace(spans))).groups.findIndex((g) => g.statement.includes("images"));
    await waitFor(() => expect(window.location.search).toBe(`?span=d3&level=0&toggle=c1,g1,w1&tab=db&sql=${group}`));
  });

  it("in 'critical path only', folds the API's tiny statements into one row, opened by a click or by going to one of them", async () => {
    // 1% of the 10 ms trace is 100 µs: the four statements carry 8 µs of the path together.
    await openPage("crit=1", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    expect(screen.getByTestId("fold-label").textContent).toMatch(/^4 spans, 8\sµs of the path$/);
    // Opened by a click, it is in the URL: a page opened from that link shows it open, and one
    // whose fold id names no fold (a stale or hand-made link) shows the folds as they are.
    fireEvent.click(document.querySelector('[data-fold="1"]')!);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=a1"));
    cleanup();
    await openPage("crit=1&fold=a1", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    cleanup();
    await openPage("crit=1&fold=nope,%00", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    // Leaving critical path only drops its opened folds from the state and the link. (Ids that
    // name no span are kept, as toggles are: a live trace's span may arrive later.)
    fireEvent.click(screen.getByTestId("fold-label"));
    await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=%00,a1,nope"));
    fireEvent.click(screen.getByTestId("critical-only"));
    await waitFor(() => expect(window.location.search).toBe(""));
    fireEvent.click(screen.getByTestId("critical-only"));
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    cleanup();
    await openPage("crit=1", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    // Going to a statement (the DB statements tab) opens the fold that holds it.
    fireEvent.click(screen.getByRole("tab", { name: "DB statements" }));
    fireEvent.click(within(await screen.findByTestId("db-statements", {}, LAZY_PANEL)).getByRole("button", { name: /images/i }));
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    expect(document.querySelector('[data-span-id="a3"]')!.getAttribute("aria-selected")).toBe("true");
  });

  it("in 'critical path only', opens the folds holding the span a link opens, and says so in the URL", async () => {
    // A link written by hand or before fold= existed names the span alone.
    await openPage("crit=1&span=a3", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    expect(document.querySelector('[data-span-id="a3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=a1&span=a3"));
    // A span outside every fold opens none.
    cleanup();
    await openPage("crit=1&span=cond", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the URL's write delay (150 ms)
    expect(window.location.search).toBe("?crit=1&span=cond");
  });

  it("opens the fold holding a linked span with a big trace's first rows: in 'critical path only' its path comes with them", async () => {
    // Past EAGER_FINDINGS_SPANS (2,000), where the findings come after the first paint: the
    // path, and with it the folds, come with the first rows all the same, as the view needs it.
    const cond = boot.find((s) => s.spanId === "cond")!;
    const calls = Array.from({ length: 2_000 }, (_, k) => ({
      ...cond,
      spanId: `f${k}`,
      parentId: "cond",
      startUs: cond.startUs! + 100 + k * 4,
      stopUs: cond.startUs! + 102 + k * 4,
    }));
    await openPage("crit=1&span=a3", [...boot, ...calls]);
    // The first rows: the conductor's calls in folds already, the linked span's fold open.
    expect(shownIds().slice(0, 5)).toEqual(["w", "a1", "a2", "a3", "a4"]);
    expect(document.querySelector('[data-fold="1"]')).not.toBeNull();
    expect(document.querySelector('[data-span-id="a3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=a1&span=a3"));
  });

  it("opens a 3,000-span trace whose work outlived the API's answer on its critical path from its first rows, with its note", async () => {
    await openPage("", serverCreateWith(2_997, ASYNC_CONDUCTOR));
    // No later render needed: the first rows are the path's, the API's 2,997 statements one fold.
    expect(shownIds()).toEqual(["w", "s0", "cast", "cond"]);
    expect(screen.getByTestId("fold-label").textContent).toMatch(/^2,997 spans, 3\sms of the path$/);
    expect((screen.getByTestId("critical-only") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("critical-path-first").textContent).toMatch(/^Opened on the critical path: /);
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the URL's write delay (150 ms)
    expect(window.location.search).toBe("");
  });

  it("opens a 3,000-span trace that did its work before answering with every span, as before", async () => {
    await openPage("", serverCreateWith(2_997, SYNC_CONDUCTOR));
    expect(shownIds().slice(0, 4)).toEqual(["w", "s0", "s1", "s2"]);
    expect(document.querySelector('[data-fold="1"]')).toBeNull();
    expect((screen.getByTestId("critical-only") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("critical-path-first")).toBeNull();
  });

  it("shows the span a link opens whatever hides it (a collapsed ancestor, a level, a filter, only matches), keeping the rest of the view", async () => {
    // Collapsed by the link's own toggle: expanded, the toggle dropped.
    await openPage("toggle=g1&span=d3");
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1", "d4"]));
    expect(document.querySelector('[data-span-id="d3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(window.location.search).toBe("?span=d3"));
    // Collapsed by the level: its ancestors toggled open, the level kept.
    cleanup();
    await openPage("level=0&span=d3");
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1"]));
    await waitFor(() => expect(window.location.search).toBe("?span=d3&level=0&toggle=c1,g1,w1"));
    // Hidden by "hide DB spans": that filter goes, the type filter stays.
    cleanup();
    await openPage("hideDb=1&hideType=rpc&span=d3");
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "d4"]));
    await waitFor(() => expect(window.location.search).toBe("?hideType=rpc&span=d3"));
    // Not a match of the search: "only matches" goes, the search stays.
    cleanup();
    await openPage("q=flavors&only=1&span=d3");
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1", "d4"]));
    expect(document.querySelector('[data-span-id="d3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(window.location.search).toBe("?q=flavors&span=d3"));
  });

  it("opens the fold holding a linked span that arrives in a later chunk than the first folds", async () => {
    // The preview lacks a3 but has a fold (a1, a2, a4); the whole trace holds a3 in a1's fold.
    const preview = {
      v: 1,
      traceId: DRAWN_TRACE_ID,
      size: boot.length,
      preview: convertTraceToCompact(buildTrace(boot.filter((s) => s.spanId !== "a3"))),
    };
    const release = serveChunksHeld(preview, boot);
    window.history.replaceState(null, "", `${PATH}?crit=1&span=a3`);
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="crit=1&span=a3" />);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    expect(screen.getByTestId("fold-label").textContent).toMatch(/^3 spans/);
    release();
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    expect(screen.queryByTestId("trace-chunks-loading")).toBeNull();
    expect(document.querySelector('[data-span-id="a3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=a1&span=a3"));
  });

  it("in 'critical path only' with DB spans hidden, going to a statement shows the DB spans and opens the fold it then falls in", async () => {
    await openPage("crit=1&hideDb=1", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "cast", "cond"]));
    fireEvent.click(screen.getByRole("tab", { name: "DB statements" }));
    fireEvent.click(within(await screen.findByTestId("db-statements", {}, LAZY_PANEL)).getByRole("button", { name: /images/i }));
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    expect(document.querySelector('[data-span-id="a3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("fold")).toBe("a1"));
    expect(new URLSearchParams(window.location.search).get("hideDb")).toBeNull();
  });

  it("builds no rows of its own for a linked span its link's fold= already shows", async () => {
    const settled = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300)); // past the URL's write delay (150 ms)
      return rowBuilds.count;
    };
    rowBuilds.count = 0;
    await openPage("crit=1&fold=a1", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    const withoutSpan = await settled();
    cleanup();
    rowBuilds.count = 0;
    await openPage("crit=1&fold=a1&span=a3", boot);
    await waitFor(() => expect(document.querySelector('[data-span-id="a3"]')?.getAttribute("aria-selected")).toBe("true"));
    expect(await settled()).toBe(withoutSpan);
    expect(window.location.search).toBe("?crit=1&fold=a1&span=a3");
  });

  it("expands the collapsed ancestor of a linked span whose fold the link already opened", async () => {
    // a3's fold is open (fold=a1), but the link collapses w above it: only w is left to relax.
    await openPage("crit=1&fold=a1&toggle=w&span=a3", boot);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
    expect(document.querySelector('[data-span-id="a3"]')!.getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=a1&span=a3"));
  });

  /** A live trace whose first version lacks g1 and its d3 (the next version brings them), polled every 20 ms. */
  function serveLiveTrace() {
    const early = convertTraceToCompact(buildTrace(spans.filter((s) => s.spanId !== "g1" && s.spanId !== "d3")));
    const server = { version: 1 };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url !== compactTraceChunksUrl(DRAWN_TRACE_ID)) return Response.json({ error: "not found" }, { status: 404 });
        const headers = { etag: `"v${server.version}"`, "x-ostrace-live": "1", "x-ostrace-quiet-ms": "1000" };
        if (new Headers(init?.headers).get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
        return Response.json(server.version === 1 ? early : compact, { headers });
      }),
    );
    return server;
  }
  async function openLivePage(query: string) {
    const server = serveLiveTrace();
    window.history.replaceState(null, "", `${PATH}?${query}`);
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery={query} livePollMs={20} />);
    await waitFor(() => expect(shownIds()).toContain("w1"));
    return {
      /** The next version, with d3, is served and shown; then past the URL's write delay (150 ms). */
      async bringD3() {
        server.version = 2;
        await waitFor(() => expect(screen.getByTestId("trace-span-count").textContent).toBe("8"));
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
    };
  }

  it("drops a linked span's pending reveal once the reader filters or collapses first: a live trace that brings it later undoes neither", async () => {
    // The reader hides DB spans while d3 is not in yet.
    let page = await openLivePage("span=d3");
    expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "r1", "d4"]);
    fireEvent.click(screen.getByRole("checkbox", { name: /Hide DB spans/ }));
    // A live trace's URL names "critical path only" either way (chooseLinkDefaults): its later spans
    // may change the trace's own default for whoever opens the link.
    await waitFor(() => expect(window.location.search).toBe("?hideDb=1&crit=0&span=d3"));
    await page.bringD3();
    expect(shownIds()).toEqual(["w1", "c1", "g1", "r1"]);
    expect(screen.getByRole("checkbox", { name: /Hide DB spans/ })).toHaveProperty("checked", true);
    expect(window.location.search).toBe("?hideDb=1&crit=0&span=d3");
    // The reader collapses c1, what d3 will be under.
    cleanup();
    page = await openLivePage("span=d3");
    fireEvent.click(within(document.querySelector('[data-span-id="c1"]')!).getByRole("button", { name: "Collapse" }));
    await waitFor(() => expect(window.location.search).toBe("?crit=0&span=d3&toggle=c1"));
    await page.bringD3();
    expect(shownIds()).toEqual(["w1", "c1", "r1", "d4"]);
    expect(window.location.search).toBe("?crit=0&span=d3&toggle=c1");
    // Nothing done meanwhile: d3 is shown when it comes (its ancestors expanded), as a link's span is.
    cleanup();
    page = await openLivePage("level=1&span=d3");
    await page.bringD3();
    expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1"]);
    expect(document.querySelector('[data-span-id="d3"]')!.getAttribute("aria-selected")).toBe("true");
  });

  it("scrolls nowhere when a live trace brings a linked span after the reader scrolled the timeline or moved in it", async () => {
    // Two rows on screen: d3, the sixth row once in, is below them.
    const height = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(2 * 24);
    try {
      const body = () => screen.getByTestId("timeline-body");
      // Left alone, the page scrolls to d3 when it comes (centred: row 5).
      let page = await openLivePage("span=d3");
      await page.bringD3();
      await waitFor(() => expect(body().scrollTop).toBe(5 * 24 - 24 + 12));
      // Scrolled by the wheel meanwhile: it stays where the reader left it.
      cleanup();
      page = await openLivePage("span=d3");
      body().scrollTop = 24;
      fireEvent.scroll(body());
      fireEvent.wheel(body(), { deltaY: 24 });
      await page.bringD3();
      expect(body().scrollTop).toBe(24);
      // Moved in the tree by the keyboard meanwhile: likewise.
      cleanup();
      page = await openLivePage("span=d3");
      fireEvent.keyDown(body(), { key: "ArrowDown" });
      fireEvent.keyDown(body(), { key: "ArrowDown" });
      const top = body().scrollTop;
      await page.bringD3();
      expect(body().scrollTop).toBe(top);
      expect(document.querySelector('[data-span-id="d3"]')!.getAttribute("aria-selected")).toBe("true");
    } finally {
      height.mockRestore();
    }
  });

  it("in 'critical path only', scrolls to a linked span that has a row at first paint before a big trace's chunks are in, and opens its fold later", async () => {
    // The preview holds two of the statements (a1, a3: no fold); the whole trace folds all four into a1's.
    const preview = {
      v: 1,
      traceId: DRAWN_TRACE_ID,
      size: boot.length,
      preview: convertTraceToCompact(buildTrace(boot.filter((s) => s.spanId !== "a2" && s.spanId !== "a4"))),
    };
    const release = serveChunksHeld(preview, boot);
    // Two rows on screen: a3, the third row of the first paint, is below them.
    const height = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(2 * 24);
    try {
      window.history.replaceState(null, "", `${PATH}?crit=1&span=a3`);
      render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="crit=1&span=a3" />);
      await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a3", "cast", "cond"]));
      const body = screen.getByTestId("timeline-body");
      // Scrolled to (centred) while the rest of the trace is still to come.
      await waitFor(() => expect(body.scrollTop).toBe(2 * 24 - 24 + 12));
      expect(screen.getByTestId("trace-chunks-loading")).toBeTruthy();
      release();
      // The whole trace folds a3 into a1's fold: opened, a3 on screen.
      await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond"]));
      await waitFor(() => expect(window.location.search).toBe("?crit=1&fold=a1&span=a3"));
      const row = Number(document.querySelector('[data-span-id="a3"]')!.getAttribute("data-row"));
      await waitFor(() => {
        expect(row * 24).toBeGreaterThanOrEqual(body.scrollTop);
        expect((row + 1) * 24).toBeLessThanOrEqual(body.scrollTop + 2 * 24);
      });
    } finally {
      height.mockRestore();
    }
  });

  it("draws a fold's extent where the path runs through its spans, not over a cast's async work beside the path", async () => {
    // c2's cast starts work that runs until 9000 µs, off the path; the fold a1, c2, a3 carries the
    // path from 1 to 9 µs of the 10 ms trace.
    await openPage(
      "crit=1",
      spansFromDrawing(`
      wsgi#w          osapi_compute  0..40      path="POST /v2.1/servers"
      ├ db#a1         osapi_compute  1..3       sql="SELECT 1 FROM flavors"
      ├ rpc#c2        osapi_compute  4..5       fn=nova.compute.rpcapi.cast_it
      │ └ rpc#k       nova-compute   6..9000    fn=nova.compute.manager.background
      ├ db#a3         osapi_compute  7..9       sql="SELECT 3 FROM images"
      └ rpc#cast      osapi_compute  20..22     fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances
        └ rpc#cond    nova-conductor 100..10000 fn=nova.conductor.manager.ComputeTaskManager.build_instances
    `),
    );
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "cast", "cond"]));
    const extent = screen.getByTestId("fold-extent");
    expect(Number.parseFloat(extent.style.left)).toBeCloseTo(0.01);
    // (Its width, max(1px, 0.08%), is a value jsdom does not keep; the browser test sees the bar.)
    expect(extent.title).toBe("the path runs through these spans from +1\u00a0µs to +9\u00a0µs after the trace's start");
    expect(document.querySelector('[data-fold="1"]')!.getAttribute("title")).toMatch(
      /^3 spans, 5\sµs of the path between \+1\sµs and \+9\sµs/,
    );
  });

  it("zooms to a span and keeps the window in the URL", async () => {
    await openPage("span=g1");
    fireEvent.click(screen.getByRole("button", { name: "Zoom to span" }));
    // g1 runs 2000..5000 µs after the start: a tenth of its length on each side.
    await waitFor(() => expect(window.location.search).toBe("?span=g1&zoom=1700-5300"));
    const bar = document.querySelector('[data-span-id="g1"] .timeline-bar-cell > div') as HTMLElement;
    expect(Number.parseFloat(bar.style.left)).toBeCloseTo((100 * 300) / 3600);
    expect(Number.parseFloat(bar.style.width)).toBeCloseTo((100 * 3000) / 3600);
  });

  it("keeps the count of spans shown and the legend in place when 'Show every span' leaves the view a trace opened on", async () => {
    // The conductor works for 300 ms after an API that answered in 40 µs: the page opens on the
    // path, the second cast's shorter work hidden off it.
    await openPage(
      "",
      spansFromDrawing(`
        wsgi#w       osapi_compute  0..40        path="POST /v2.1/servers"
        ├ db#a1      osapi_compute  1..3         sql="SELECT 1 FROM flavors"
        ├ rpc#cast   osapi_compute  20..22       fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances
        │ └ rpc#cond nova-conductor 100..300000  fn=nova.conductor.manager.ComputeTaskManager.build_instances
        └ rpc#cast2  osapi_compute  24..26       fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance
          └ rpc#run  nova-compute   200..50000   fn=nova.compute.manager.ComputeManager.build_and_run_instance
      `),
    );
    const counts = screen.getByTestId("hidden-counts");
    const legend = screen.getByRole("list", { name: "Services (legend)" });
    expect(counts.textContent).toMatch(/hidden: 2 off the critical path/);
    fireEvent.click(within(screen.getByTestId("critical-path-first")).getByRole("button", { name: "Show every span" }));
    await waitFor(() => expect(screen.queryByTestId("critical-path-first")).toBeNull());
    // The same live region, its text changed: a screen reader says the new count (a region
    // mounted anew with its text is not announced), and a legend opened with "+N more" stays open.
    expect(screen.getByTestId("hidden-counts")).toBe(counts);
    expect(counts.textContent).toBe("Showing 6 of 6 spans");
    expect(screen.getByRole("list", { name: "Services (legend)" })).toBe(legend);
  });

  it("follows a live trace: new spans appear in place, the collapsed rows and the selection stay, and it stops when the trace goes quiet", async () => {
    // The first version: the conductor's call has no stop yet, glance and two queries are to come.
    const early = convertTraceToCompact(
      buildTrace(
        spansFromDrawing(`
      wsgi#w1           osapi_compute  0..10000    path="POST /v2.1/servers"
      ├ compute_api#c1  osapi_compute  100..6000   fn=nova.compute.api.API.create
      │ ├ db#d1         osapi_compute  200..400    sql="SELECT * FROM flavors WHERE flavorid = %(id)s"
      │ └ db#d2         osapi_compute  500..700    sql="SELECT * FROM quotas"
      └ rpc#r1          nova-conductor 6100..?     fn=nova.conductor.rpcapi.build_instances
    `),
      ),
    );
    const server = { version: 1, live: true, requests: [] as (string | null)[] };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url !== compactTraceChunksUrl(DRAWN_TRACE_ID)) return Response.json({ error: "not found" }, { status: 404 });
        const asked = new Headers(init?.headers).get("if-none-match");
        server.requests.push(asked);
        const headers = {
          etag: `"v${server.version}"`,
          "x-ostrace-live": server.live ? "1" : "0",
          "x-ostrace-quiet-ms": server.live ? "1000" : "31000",
        };
        if (asked === headers.etag) return new Response(null, { status: 304, headers });
        return Response.json(server.version === 1 ? early : compact, { headers });
      }),
    );
    window.history.replaceState(null, "", PATH);
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" livePollMs={20} />);
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "r1"]));
    expect(screen.getByTestId("live-indicator").textContent).toMatch(/^Live: watching for more spans, the last came \d+ s ago$/);
    fireEvent.click(within(document.querySelector('[data-span-id="c1"]')!).getByRole("button", { name: "Collapse" }));
    fireEvent.click(document.querySelector('[data-span-id="r1"]')!);
    await waitFor(() => expect(window.location.search).toBe("?crit=0&span=r1&toggle=c1"));
    // Unchanged meanwhile: asked with its ETag, answered 304.
    await waitFor(() => expect(server.requests.filter((r) => r === '"v1"').length).toBeGreaterThan(1));
    expect(shownIds()).toEqual(["w1", "c1", "r1"]);

    server.version = 2;
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "r1", "d4"]));
    expect(document.querySelector('[data-span-id="r1"]')!.getAttribute("aria-selected")).toBe("true");
    expect(document.querySelector('[data-span-id="c1"]')!.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByTestId("trace-span-count").textContent).toBe("8");
    expect(window.location.search).toBe("?crit=0&span=r1&toggle=c1");

    server.live = false;
    await waitFor(() => expect(screen.getByTestId("live-indicator").getAttribute("data-state")).toBe("stopped"));
    expect(screen.getByTestId("live-indicator").textContent).toMatch(/^No new spans for 3\d s: stopped following this trace\.Check again$/);
    const asked = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.length).toBe(asked);
    // Asked to check again: one request at once; still quiet, so it stops again.
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await waitFor(() => expect(server.requests.length).toBe(asked + 1));
    await waitFor(() => expect(screen.getByTestId("live-indicator").getAttribute("data-state")).toBe("stopped"));
  });

  it("gives the focus to 'Critical path only' when its note's 'Show every span' goes away with the note", async () => {
    // The conductor works for 300 ms after an API that answered in 40 µs: the page opens on the path.
    await openPage("", spansFromDrawing(BOOT_WORKED));
    expect(screen.getByTestId("critical-path-first")).toBeTruthy();
    const button = within(screen.getByTestId("critical-path-first")).getByRole("button", { name: "Show every span" });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId("critical-path-first")).toBeNull());
    const checkbox = screen.getByTestId("critical-only") as HTMLInputElement;
    expect(checkbox.checked).toBe(false);
    expect(document.activeElement).toBe(checkbox);
  });

  it("brings the window down to a link's span below the first screen, from the page's top only", async () => {
    // No layout in jsdom: every box starts 900 px down, below a 844 px high window.
    vi.spyOn(Element.prototype, "getBoundingClientRect").mockReturnValue(DOMRect.fromRect({ y: 900, height: 400 }));
    const scrollBy = vi.spyOn(window, "scrollBy").mockImplementation(() => {});
    const scrollY = vi.spyOn(window, "scrollY", "get");
    vi.stubGlobal("innerHeight", 844);
    try {
      scrollY.mockReturnValue(0);
      await openPage("span=d3");
      await waitFor(() => expect(scrollBy).toHaveBeenCalledTimes(1));
      expect(scrollBy.mock.calls[0]![0]).toEqual({ top: expect.any(Number), behavior: "instant" });
      expect((scrollBy.mock.calls[0]![0] as ScrollToOptions).top).toBeGreaterThan(0);
      cleanup();
      // The reader (or the browser, restoring a reload's place) moved the page first: it stays.
      scrollBy.mockClear();
      scrollY.mockReturnValue(120);
      await openPage("span=d3");
      await waitFor(() => expect(document.querySelector('[data-span-id="d3"]')!.getAttribute("aria-selected")).toBe("true"));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      expect(scrollBy).not.toHaveBeenCalled();
      cleanup();
      // No link's span: a span gone to from the page (here the search's next match) is the reader's doing.
      scrollY.mockReturnValue(0);
      await openPage("q=flavors");
      fireEvent.click(screen.getByRole("button", { name: "Next match" }));
      await waitFor(() => expect(window.location.search).toMatch(/span=d1/));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      expect(scrollBy).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("says the page opened on the critical path only while the view is still as opened, not once the reader turns it on again", async () => {
    await openPage("", spansFromDrawing(BOOT_WORKED));
    const checkbox = screen.getByTestId("critical-only") as HTMLInputElement;
    const opened = shownIds();
    expect(checkbox.checked).toBe(true);
    expect(screen.getByTestId("critical-path-first").textContent).toMatch(/^Opened on the critical path/);
    // Off and on again with the box: the same view, but the reader's choice now, not how it opened.
    fireEvent.click(checkbox);
    await waitFor(() => expect(shownIds()).toContain("a4"));
    expect(screen.queryByTestId("critical-path-first")).toBeNull();
    fireEvent.click(checkbox);
    await waitFor(() => expect(shownIds()).toEqual(opened));
    expect(checkbox.checked).toBe(true);
    expect(screen.queryByTestId("critical-path-first")).toBeNull();
    // Likewise after the note's own "Show every span".
    cleanup();
    await openPage("", spansFromDrawing(BOOT_WORKED));
    fireEvent.click(within(screen.getByTestId("critical-path-first")).getByRole("button", { name: "Show every span" }));
    await waitFor(() => expect(shownIds()).toContain("a4"));
    fireEvent.click(screen.getByTestId("critical-only"));
    await waitFor(() => expect(shownIds()).toEqual(opened));
    expect(screen.queryByTestId("critical-path-first")).toBeNull();
  });

  it("copies a link that opens a live trace as its reader sees it, though later spans change the trace's own default", async () => {
    // First received with the API's part only: every span, as the work that outlives it is not in yet.
    const answered = convertTraceToCompact(buildTrace(spansFromDrawing(BOOT_WORKED.replace(/\n.*rpc#cond.*\n/, "\n"))));
    const worked = convertTraceToCompact(buildTrace(spansFromDrawing(BOOT_WORKED)));
    const server = { version: 1 };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url !== compactTraceChunksUrl(DRAWN_TRACE_ID)) return Response.json({ error: "not found" }, { status: 404 });
        const headers = { etag: `"v${server.version}"`, "x-ostrace-live": "1", "x-ostrace-quiet-ms": "1000" };
        if (new Headers(init?.headers).get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
        return Response.json(server.version === 1 ? answered : worked, { headers });
      }),
    );
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    window.history.replaceState(null, "", PATH);
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" livePollMs={20} />);
    await waitFor(() => expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast"]));
    server.version = 2;
    await waitFor(() => expect(shownIds()).toContain("cond"));
    // The page keeps the view it opened with; a plain link would now open on the critical path.
    expect((screen.getByTestId("critical-only") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("critical-path-first")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Copy link to this view" }));
    await waitFor(() => expect(copied).toEqual([`${window.location.origin}${PATH}?crit=0`]));
    delete (navigator as { clipboard?: unknown }).clipboard;
    // So does the address bar, once the reader's view is written there (a reload, a link copied from it).
    fireEvent.click(screen.getByTestId("hide-db"));
    await waitFor(() => expect(window.location.search).toBe("?hideDb=1&crit=0"));
  });

  it("shows a big trace's preview and then its chunks as they arrive, the view state carried over", async () => {
    const top = spans.filter((s) => ["w1", "c1", "r1"].includes(s.spanId));
    const preview = { v: 1, traceId: DRAWN_TRACE_ID, size: spans.length, preview: convertTraceToCompact(buildTrace(top)) };
    const release = serveChunksHeld(preview, spans);
    window.history.replaceState(null, "", PATH);
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" />);
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "r1"]));
    await waitFor(() => expect(screen.getByTestId("trace-chunks-loading").textContent).toMatch(/^Loading 3 of 8 spans \(37%\)/));
    // Usable meanwhile: a span selected on the preview stays selected in the whole trace.
    fireEvent.click(document.querySelector('[data-span-id="r1"]')!);
    await waitFor(() => expect(window.location.search).toBe("?span=r1"));
    release();
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1", "d4"]));
    expect(document.querySelector('[data-span-id="r1"]')!.getAttribute("aria-selected")).toBe("true");
    expect(screen.queryByTestId("trace-chunks-loading")).toBeNull();
    expect(screen.getByTestId("trace-span-count").textContent).toBe("8");
  });

  it("asks straight for the whole trace when the page says it has no preview (fewer than 20,000 spans)", async () => {
    serveTrace();
    window.history.replaceState(null, "", PATH);
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" askPreview={false} />);
    await waitFor(() => expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1", "d4"]));
    // The first request is the trace: no round trip for a preview the server would answer with null.
    const asked = vi.mocked(fetch).mock.calls.map(([url]) => String(url));
    expect(asked[0]).toBe(compactTraceChunksUrl(DRAWN_TRACE_ID));
    expect(asked).not.toContain(compactTracePreviewUrl(DRAWN_TRACE_ID));
  });

  it("shows no live indicator for a trace that is not live", async () => {
    await openPage("");
    expect(screen.queryByTestId("live-indicator")).toBeNull();
  });

  it("says so when the trace is gone", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: "no trace" }, { status: 404 })),
    );
    render(<TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" />);
    // Loading, then gone: each the page's main landmark, as the explorer is.
    expect(screen.getByRole("main").contains(screen.getByTestId("trace-loading"))).toBe(true);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("has no spans stored"));
    expect(screen.getByRole("main").contains(screen.getByRole("alert"))).toBe(true);
  });

  it("renders an inlined trace on the server and hydrates it without fetching it or a mismatch", async () => {
    window.history.replaceState(null, "", PATH);
    const fetched = vi.fn(async (_url: RequestInfo | URL) => Response.json({ error: "not expected" }, { status: 500 }));
    vi.stubGlobal("fetch", fetched);
    const inline = { compactJson: JSON.stringify(compact), etag: '"v1"', liveness: { live: false, quietUs: 5e9 } };
    const page = <TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" inline={inline} />;
    const html = renderToString(page);
    // The rows are in the server's HTML: the first screen needs no JavaScript.
    expect(html.match(/role="treeitem"/g)).toHaveLength(8);
    expect(html).not.toContain("Loading trace");
    const { errors, remove } = await hydrateServerHtml(html, page);
    try {
      expect(errors).toEqual([]);
      expect(shownIds()).toEqual(["w1", "c1", "d1", "d2", "g1", "d3", "r1", "d4"]);
      // Interactive: collapsing the root leaves one row.
      await act(async () => fireEvent.click(within(screen.getAllByRole("treeitem")[0]!).getByRole("button", { name: "Collapse" })));
      expect(shownIds()).toEqual(["w1"]);
      // The trace itself is never fetched (side panels, such as "against typical", may fetch their own data).
      expect(fetched.mock.calls.map(([url]) => String(url))).not.toContain(compactTraceUrl(DRAWN_TRACE_ID));
      expect(fetched.mock.calls.map(([url]) => String(url))).not.toContain(compactTraceChunksUrl(DRAWN_TRACE_ID));
    } finally {
      remove();
    }
  });

  it("renders a link to a span off the critical path with every span on the server already, the page hydrating to the same", async () => {
    // BOOT_WORKED opens on its path; a second cast's work, done long before the first one's, is off it.
    const drawing = `${BOOT_WORKED.trimEnd().replace("└ rpc#cast", "├ rpc#cast").replace("    └ rpc#cond", "  │ └ rpc#cond")}
  └ rpc#cast2  osapi_compute  24..26      fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance
    └ rpc#run  nova-compute   200..50000  fn=nova.compute.manager.ComputeManager.build_and_run_instance
`;
    const served = convertTraceToCompact(buildTrace(spansFromDrawing(drawing)));
    window.history.replaceState(null, "", `${PATH}?span=run`);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: "not expected" }, { status: 500 })),
    );
    const inline = { compactJson: JSON.stringify(served), etag: '"v1"', liveness: { live: false, quietUs: 5e9 } };
    const page = <TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="span=run" inline={inline} />;
    // The server has the span's panel's code at hand (createLazyComponent); so does this test.
    await LazySpanDetailsPanel.preload();
    const html = renderToString(page);
    // Every span from the first paint: no note of the critical path, no fold, the span's row in.
    expect(html).not.toContain("critical-path-first");
    expect(html).not.toContain('data-fold="1"');
    expect(html).toMatch(/role="treeitem"[^>]*aria-selected="true"[^>]*data-span-id="run"/);
    const { errors, remove } = await hydrateServerHtml(html, page);
    try {
      expect(errors).toEqual([]);
      expect(shownIds()).toEqual(["w", "a1", "a2", "a3", "a4", "cast", "cond", "cast2", "run"]);
      expect((screen.getByTestId("critical-only") as HTMLInputElement).checked).toBe(false);
    } finally {
      remove();
    }
  });

  it("renders an inlined 3,000-span trace whose work outlived the answer on its critical path on the server already, hydrating to the same", async () => {
    window.history.replaceState(null, "", PATH);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: "not expected" }, { status: 500 })),
    );
    const served = convertTraceToCompact(buildTrace(serverCreateWith(2_997, ASYNC_CONDUCTOR)));
    const inline = { compactJson: JSON.stringify(served), etag: '"v1"', liveness: { live: false, quietUs: 5e9 } };
    // Past EAGER_FINDINGS_SPANS the server sends no findings (the page.tsx's explainInlineTrace).
    const page = <TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" inline={inline} inlineFindings={null} />;
    const html = renderToString(page);
    expect(html).toContain('data-testid="critical-path-first"');
    expect(html.match(/role="treeitem"/g)).toHaveLength(4);
    expect(html).toContain('data-fold="1"');
    const { errors, remove } = await hydrateServerHtml(html, page);
    try {
      expect(errors).toEqual([]);
      expect(shownIds()).toEqual(["w", "s0", "cast", "cond"]);
      expect((screen.getByTestId("critical-only") as HTMLInputElement).checked).toBe(true);
    } finally {
      remove();
    }
  });

  it("takes the server's findings for the inlined trace instead of explaining it again, on the server and in the browser", async () => {
    window.history.replaceState(null, "", PATH);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: "not expected" }, { status: 500 })),
    );
    const all = explainWholeTrace(buildTrace(spans));
    expect(all.length).toBeGreaterThan(1);
    // Only the first one: had the page explained the trace itself, it would show them all.
    const given = all.slice(0, 1);
    const inline = { compactJson: JSON.stringify(compact), etag: '"v1"', liveness: { live: false, quietUs: 5e9 } };
    const page = <TraceViewer traceId={DRAWN_TRACE_ID} initialQuery="" inline={inline} inlineFindings={writeFindingsJson(given)} />;
    const html = renderToString(page);
    expect(html.match(/data-testid="finding"/g)).toHaveLength(1);
    const { errors, remove } = await hydrateServerHtml(html, page);
    try {
      expect(errors).toEqual([]);
      expect(screen.getAllByTestId("finding")).toHaveLength(1);
    } finally {
      remove();
    }
  });
});
