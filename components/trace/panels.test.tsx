// @vitest-environment jsdom
// The trace page's panels rendered into jsdom: span details (fields, SQL, exception, raw
// payloads), breakdowns (numbers from the trace model), DB statements (N+1, highlight), the
// toolbar (hidden counts, filters) and wire text that tries to be HTML.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SpanDetails } from "@/lib/api/types";
import { buildTrace, computeBreakdowns, computeDbBreakdown, createTraceView, findSpanIndex } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import type { Span } from "@/lib/span/types";
import { computeTraceLegend } from "@/lib/ui/computeTraceLegend";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { DEFAULT_TRACE_VIEW_STATE } from "@/lib/ui/traceViewState";
import { BreakdownPanels } from "./BreakdownPanels";
import { CriticalPathFirstNote } from "./CriticalPathFirstNote";
import { SpanDetailsPanel } from "./SpanDetailsPanel";
import { ShownSpans, TraceToolbar } from "./TraceToolbar";
import { TypicalComparisonPanel } from "./TypicalComparisonPanel";
import { TraceDataSourceContext, type TraceDataSource } from "./traceDataSource";
import { compareWithTypical, type ComparedTrace } from "@/lib/trace/compareWithTypical";
import type { TypicalComparisonResponse } from "@/lib/api/types";
import { loadRegexEngine } from "@/lib/trace/regexEngine";
import { clipTraceTexts } from "@/lib/trace/clipTraceTexts";
import { showUnstorable } from "@/lib/span/showUnstorable";
import { convertCompactToTrace, convertTraceToCompact } from "@/lib/trace";

// The statements panel is a lazily loaded module: its first import can take seconds on a busy machine.
const LAZY_PANEL = { timeout: 10_000 };

beforeAll(async () => {
  // A regex search runs once its engine is loaded (lib/trace/regexEngine.ts), as the page loads it.
  await loadRegexEngine();
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// A nova list with the N+1 pattern (3 identical quota queries under one caller), a glance call,
// and a conductor call that raised.
const spans = spansFromDrawing(`
  wsgi#w            osapi_compute  0..10000    path="GET /v2.1/servers/detail"
  ├ compute_api#c   osapi_compute  100..6000   fn=nova.compute.api.API.get_all
  │ ├ db#q1         osapi_compute  200..400    sql="SELECT * FROM quota_usages WHERE project_id = 'p1'"
  │ ├ db#q2         osapi_compute  500..700    sql="SELECT * FROM quota_usages WHERE project_id = 'p2'"
  │ ├ db#q3         osapi_compute  800..1900   sql="SELECT * FROM quota_usages WHERE project_id = 'p3'"
  │ └ wsgi#g        api            2000..5000  path="GET /v2/images" project=glance host=img-1
  │   └ db#gd       api            2100..2300  sql="SELECT images.id FROM images LIMIT 20" project=glance host=img-1
  └ rpc#r           nova-conductor 6100..9000  fn=nova.conductor.rpcapi.get err=MessagingTimeout msg="Timed out waiting for a reply"
`);
const trace = buildTrace(spans);
const byId = (id: string) => spans.find((s) => s.spanId === id)!;
const idx = (id: string) => findSpanIndex(trace, id);
/** A color as the DOM reads it back from a style (jsdom normalizes hex to rgb()). */
function cssColor(color: string): string {
  const el = document.createElement("span");
  el.style.backgroundColor = color;
  return el.style.backgroundColor;
}

function stubSpanApi(answer: (spanId: string) => Span | null) {
  const fetchMock = vi.fn(async (url: string) => {
    const spanId = decodeURIComponent(url.split("/").pop()!);
    const span = answer(spanId);
    return span ? Response.json(span satisfies SpanDetails) : Response.json({ error: "no such span" }, { status: 404 });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("SpanDetailsPanel", () => {
  it("shows every field at once, then the raw start/stop payloads from the API", async () => {
    const fetchMock = stubSpanApi((id) => byId(id));
    render(<SpanDetailsPanel trace={trace} spanIndex={idx("q3")} color="#123456" onClose={() => {}} onSelectSpan={() => {}} />);
    const panel = screen.getByRole("complementary", { name: "Span details" });
    // Named as its row names it, whatever the row's depth left of the name there; its type beside where it ran.
    expect(within(panel).getByTestId("span-details-title").textContent).toBe("SELECT … FROM quota_usages");
    expect(panel.textContent).toContain("db · nova / osapi_compute on node-1");
    expect(panel.textContent).toContain("2024-05-01 10:00:00.000800 UTC");
    expect(panel.textContent).toContain("2024-05-01 10:00:00.001900 UTC");
    expect(within(panel).getByTestId("span-duration").textContent).toContain("1.1\u00a0ms");
    // The SQL, formatted onto several lines, keywords colored.
    const sql = within(panel).getByTestId("sql-block");
    await waitFor(() => expect(sql.getAttribute("data-formatted")).toBe("1"));
    expect(sql.textContent).toMatch(/SELECT\s+\*\s+FROM\s+quota_usages\s+WHERE\s+project_id = 'p3'/);
    expect(sql.textContent!.split("\n").length).toBeGreaterThan(3);
    expect([...sql.querySelectorAll("span:not([data-sql-line])")].find((s) => s.textContent === "FROM")!.className).toContain(
      "font-semibold",
    );
    // Payloads arrive: the start's statement and the stop, under OSprofiler's key names.
    await waitFor(() => expect(within(panel).getByTestId("raw-payloads")).toBeTruthy());
    expect(fetchMock).toHaveBeenCalledWith(`/api/traces/${trace.traceId}/spans/q3`, expect.anything());
    expect(within(panel).getByRole("region", { name: "meta.raw_payload.db-start" }).textContent).toContain('"db-start"');
    expect(within(panel).getByRole("region", { name: "meta.raw_payload.db-stop" }).textContent).toContain('"2024-05-01T10:00:00.001900"');
  });

  it("shows the exception, links to the parent, and closes", async () => {
    stubSpanApi((id) => byId(id));
    const onSelectSpan = vi.fn(),
      onClose = vi.fn();
    render(<SpanDetailsPanel trace={trace} spanIndex={idx("r")} color="#123456" onClose={onClose} onSelectSpan={onSelectSpan} />);
    const alert = screen.getAllByRole("alert")[0]!;
    expect(alert.textContent).toContain("Raised MessagingTimeout");
    expect(alert.textContent).toContain("Timed out waiting for a reply");
    fireEvent.click(screen.getByRole("button", { name: /Go to parent span w/ }));
    expect(onSelectSpan).toHaveBeenCalledWith(idx("w"));
    fireEvent.click(screen.getByRole("button", { name: "Close details" }));
    expect(onClose).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId("raw-payloads")).toBeTruthy());
  });

  it("shows the whole statement and message of a span whose texts the page has clipped, saying so while it loads", async () => {
    const long = spans.map((s) =>
      s.spanId === "q3"
        ? {
            ...s,
            detail: `SELECT * FROM quota_usages WHERE note = '${"x".repeat(65_000)}' AND tail_column = 1`,
            error: { type: "DBError", message: `${"m".repeat(65_000)} the end` },
          }
        : s,
    );
    const received = convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(long))))));
    let answer: (() => void) | null = null;
    const fetchMock = vi.fn(
      (url: string) =>
        new Promise<Response>((resolve) => {
          answer = () => resolve(Response.json(long.find((s) => s.spanId === decodeURIComponent(url.split("/").pop()!))!));
        }),
    );
    vi.stubGlobal("fetch", fetchMock);
    render(
      <SpanDetailsPanel
        trace={received}
        spanIndex={findSpanIndex(received, "q3")}
        color="#123456"
        onClose={() => {}}
        onSelectSpan={() => {}}
      />,
    );
    const statuses = () => screen.queryAllByTestId("whole-text-status").map((p) => p.textContent);
    expect(statuses()).toEqual([
      "Showing the first 4,000 of 65,008 characters; loading the whole message…",
      "Showing the first 4,000 of 65,062 characters; loading the whole statement…",
    ]);
    expect(screen.getByTestId("sql-block").textContent).not.toContain("tail_column");
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    answer!();
    await waitFor(() => expect(screen.getByTestId("sql-block").textContent).toContain("tail_column = 1"));
    expect(screen.getAllByRole("alert")[0]!.textContent).toContain("m the end");
    expect(statuses()).toEqual([]);

    cleanup();
    stubSpanApi(() => null);
    render(
      <SpanDetailsPanel
        trace={received}
        spanIndex={findSpanIndex(received, "q3")}
        color="#123456"
        onClose={() => {}}
        onSelectSpan={() => {}}
      />,
    );
    await waitFor(() =>
      expect(statuses()).toContain("Showing the first 4,000 of 65,062 characters: the whole statement could not be loaded (no such span)."),
    );
  });

  it("shows a clipped message's NUL and lone surrogate as labels once the whole raw message loads, its text \\u0000 as written", async () => {
    // The span API gives the raw message (a NUL, a lone surrogate); the page's reads give it in
    // its page form (showUnstorable), which is what the page's clipped copy holds.
    // And the six characters \u0000 as text, which must not read as a NUL.
    const raw = `${"m".repeat(5_000)} nul\u0000here lone\ud800here text\\u0000here the end`;
    const received = pageTrace("r", raw);
    stubSpanApi((id) => (id === "r" ? { ...byId("r"), error: { type: "DBError", message: raw } } : byId(id)));
    render(
      <SpanDetailsPanel
        trace={received}
        spanIndex={findSpanIndex(received, "r")}
        color="#123456"
        onClose={() => {}}
        onSelectSpan={() => {}}
      />,
    );
    const alert = () => screen.getAllByRole("alert")[0]!.textContent!;
    await waitFor(() => expect(alert()).toContain("the end"));
    expect(alert()).toContain("nul[NUL]here lone[U+D800]here text\\u0000here the end");
    expect(alert()).not.toMatch(/\u0000|\ud800/);
    expect(screen.getAllByTestId("unstorable-char").map((label) => label.textContent)).toEqual(["[NUL]", "[U+D800]"]);
  });

  it("tells a short message's NUL from its text \\u0000 once the raw message loads, and leaves a clean one's \\u0000 as written", async () => {
    // On the page's form the two read the same: \u0000.
    const nul = "bad byte \u0000 in name";
    const text = "bad byte \\u0000 in name";
    expect(showUnstorable(nul)).toBe(text);
    for (const [raw, labels] of [
      [nul, ["[NUL]"]],
      [text, []],
    ] as const) {
      const received = pageTrace("r", raw);
      stubSpanApi((id) => (id === "r" ? { ...byId("r"), error: { type: "DBError", message: raw } } : byId(id)));
      render(
        <SpanDetailsPanel
          trace={received}
          spanIndex={findSpanIndex(received, "r")}
          color="#123456"
          onClose={() => {}}
          onSelectSpan={() => {}}
        />,
      );
      await waitFor(() => expect(screen.getByTestId("raw-payloads")).toBeTruthy());
      const alert = screen.getAllByRole("alert")[0]!.textContent!;
      expect(alert).toContain(labels.length > 0 ? "bad byte [NUL] in name" : "bad byte \\u0000 in name");
      expect(screen.queryAllByTestId("unstorable-char").map((label) => label.textContent)).toEqual(labels);
      cleanup();
    }
  });

  it("says when the payloads cannot be fetched, and when a stop never arrived", async () => {
    stubSpanApi(() => null);
    render(<SpanDetailsPanel trace={trace} spanIndex={idx("w")} color="#123456" onClose={() => {}} onSelectSpan={() => {}} />);
    await waitFor(() => expect(screen.getByText(/Raw payloads unavailable: no such span/)).toBeTruthy());
    cleanup();
    const open = buildTrace(
      spansFromDrawing(`
      wsgi#w  api  0..?
    `),
    );
    stubSpanApi(() => ({ ...spansFromDrawing("wsgi#w api 0..?")[0]! }));
    render(<SpanDetailsPanel trace={open} spanIndex={0} color="#123456" onClose={() => {}} onSelectSpan={() => {}} />);
    expect(screen.getByText("no stop arrived")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("not received")).toBeTruthy());
  });
});

describe("masked secrets in the span details", () => {
  it("shows each value ingest masked as a redacted label, whole or inside a text", async () => {
    const start = {
      ...byId("c").startPayload!,
      info: {
        function: { name: "nova.compute.api.API.get_all", kwargs: "{'password': '[redacted]'}" },
        headers: { "X-Auth-Token": "[redacted]" },
        host: "node-1",
      },
    };
    stubSpanApi((id) => ({ ...byId(id), startPayload: start }));
    render(<SpanDetailsPanel trace={trace} spanIndex={idx("c")} color="#123456" onClose={() => {}} onSelectSpan={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("raw-payloads")).toBeTruthy());
    const payload = screen.getByRole("region", { name: "meta.raw_payload.compute_api-start" });
    const labels = within(payload).getAllByTestId("redacted");
    expect(labels).toHaveLength(2);
    for (const label of labels) expect(label.textContent).toBe("[redacted]"); // "redacted" shown, the brackets for screen readers and copying
    expect(payload.textContent).toContain(`kwargs: "{'password': '[redacted]'}"`);
    expect(payload.textContent).toContain('X-Auth-Token: "[redacted]"');
  });
});

describe("BreakdownPanels", () => {
  const legend = computeTraceLegend(trace);
  const db = computeDbBreakdown(createTraceView(trace));
  const props = (over: Partial<Parameters<typeof BreakdownPanels>[0]> = {}) => ({
    trace,
    view: createTraceView(trace),
    legend,
    tab: "service" as const,
    onTab: vi.fn(),
    highlightedSql: null,
    onHighlightSql: vi.fn(),
    onSelectSpan: vi.fn(),
    ...over,
  });

  it("tabulates services with project, count, self and total time, and draws the chart", async () => {
    const p = props();
    render(<BreakdownPanels {...p} />);
    // Computed after the next frame, not during the render that shows the page.
    expect(screen.getByRole("tabpanel").getAttribute("aria-busy")).toBe("true");
    const table = await screen.findByTestId("breakdown-table-service");
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    const expected = computeBreakdowns(createTraceView(trace)).service.rows;
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => `${r.project} / ${r.label}`));
    const nova = rows.find((r) => r[0] === "nova / osapi_compute")!;
    expect(nova[1]).toBe("5"); // w, c and the 3 quota queries
    expect(nova[3]).toBe("17.4\u00a0ms"); // 10 + 5.9 + 0.2 + 0.2 + 1.1 ms
    expect(rows.find((r) => r[0] === "nova / nova-conductor")![2]).toBe("1"); // the error
    expect(screen.getByRole("img", { name: "Self and total time per service" }).querySelectorAll("rect")).toHaveLength(expected.length * 2);
    fireEvent.click(screen.getByRole("tab", { name: "Hosts" }));
    expect(p.onTab).toHaveBeenCalledWith("host");
  });

  it("is one tab stop: only the selected tab is in the tab order, the arrows, Home and End select and focus another", () => {
    const onTab = vi.fn();
    const p = props({ tab: "project", onTab });
    const { rerender } = render(<BreakdownPanels {...p} />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => [t.textContent, t.getAttribute("tabindex"), t.getAttribute("aria-selected")])).toEqual([
      ["Services", "-1", "false"],
      ["Projects", "0", "true"],
      ["Hosts", "-1", "false"],
      ["Span types", "-1", "false"],
      ["DB statements", "-1", "false"],
      ["Longest spans", "-1", "false"],
    ]);
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(tabs[1]!.id);
    for (const [key, expected, focused] of [
      ["ArrowRight", "host", 2],
      ["ArrowLeft", "service", 0],
      ["End", "longest", 5],
      ["Home", "service", 0],
    ] as const) {
      tabs[1]!.focus();
      fireEvent.keyDown(tabs[1]!, { key });
      expect(p.onTab, key).toHaveBeenLastCalledWith(expected);
      expect(document.activeElement, key).toBe(tabs[focused]);
    }
    // The selected tab follows the view state; other keys are the page's.
    rerender(<BreakdownPanels {...p} tab="longest" />);
    tabs[5]!.focus();
    fireEvent.keyDown(tabs[5]!, { key: "ArrowRight" });
    expect(p.onTab).toHaveBeenLastCalledWith("service");
    const calls = onTab.mock.calls.length;
    fireEvent.keyDown(tabs[5]!, { key: "ArrowDown" });
    expect(onTab.mock.calls.length).toBe(calls);
    expect(screen.getAllByRole("tab").filter((t) => t.getAttribute("tabindex") === "0")).toEqual([tabs[5]]);
  });

  it("keeps its figures while a search only marks matches, recomputes when spans are hidden, and remembers the previous figures", async () => {
    const p = props();
    const { rerender } = render(<BreakdownPanels {...p} />);
    await screen.findByTestId("breakdown-table-service");
    const compute = vi.fn();
    vi.stubGlobal("requestIdleCallback", (run: () => void) => (compute(), setTimeout(run, 0)));
    vi.stubGlobal("cancelIdleCallback", (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
    // A new view object, same spans: not stale, nothing scheduled.
    rerender(<BreakdownPanels {...p} view={createTraceView(trace, { search: { text: "quota" } })} />);
    expect(screen.getByTestId("breakdown").getAttribute("data-stale")).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(compute).not.toHaveBeenCalled();
    // Only matches hides spans: stale until recomputed for the new view.
    rerender(<BreakdownPanels {...p} view={createTraceView(trace, { search: { text: "quota" }, onlyMatches: true })} />);
    expect(screen.getByTestId("breakdown").getAttribute("data-stale")).toBe("1");
    await waitFor(() => expect(screen.getByTestId("breakdown").getAttribute("data-stale")).toBeNull());
    expect(compute).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("breakdown").textContent).toContain("· 5 spans");
    // Back to all spans: the figures computed first are still there, shown at once.
    rerender(<BreakdownPanels {...p} view={createTraceView(trace)} />);
    expect(screen.getByTestId("breakdown").getAttribute("data-stale")).toBeNull();
    expect(screen.getByTestId("breakdown").textContent).toContain("· 8 spans");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("colors span types from their own palette, never with a service's color", async () => {
    render(<BreakdownPanels {...props({ tab: "type" })} />);
    const table = await screen.findByTestId("breakdown-table-type");
    const swatches = new Map(
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((r) => [r.querySelector("td")!.textContent!, (r.querySelector("td span[aria-hidden]") as HTMLElement).style.backgroundColor]),
    );
    expect([...swatches.keys()].sort()).toEqual(["compute_api", "db", "rpc", "wsgi"]);
    const serviceColors = legend.services.map((s) => cssColor(s.color));
    for (const [type, color] of swatches) {
      expect(color).toBe(cssColor(legend.typeColorOf(type)));
      expect(serviceColors).not.toContain(color);
    }
    // The chart's bars too.
    const fills = [...screen.getByRole("img", { name: "Self and total time per type" }).querySelectorAll("rect")].map((r) =>
      r.getAttribute("fill"),
    );
    expect(new Set(fills)).toEqual(new Set([...swatches.keys()].map((t) => legend.typeColorOf(t))));
  });

  it("groups DB statements by shape, flags N+1, and highlights a statement's calls on click", async () => {
    const p = props({ tab: "db" });
    render(<BreakdownPanels {...p} />);
    const table = await screen.findByTestId("db-statements", {}, LAZY_PANEL);
    const quota = within(table).getByRole("button", { name: /quota_usages/ });
    // Keywords in capitals, as the timeline and the details show the statement.
    expect(quota.textContent).toBe("SELECT * FROM quota_usages WHERE project_id = ?");
    const row = quota.closest("tr")!;
    expect(row.textContent).toContain("N+1 ×3");
    expect([...row.querySelectorAll("td")].map((td) => td.textContent).slice(1, 5)).toEqual([
      "3",
      "1.5\u00a0ms",
      "500\u00a0µs",
      "1.1\u00a0ms",
    ]);
    fireEvent.click(quota);
    expect(p.onHighlightSql).toHaveBeenCalledWith(db.groups.findIndex((g) => g.statement.includes("quota_usages")));
    // Slowest single call first; clicking it opens the span.
    fireEvent.click(screen.getAllByRole("button", { name: /project_id = 'p3'/ })[0]!);
    expect(p.onSelectSpan).toHaveBeenCalledWith(idx("q3"));
  });
});

describe("TraceToolbar and ShownSpans", () => {
  it("counts hidden spans by reason and sends filter changes", () => {
    const view = createTraceView(trace, { hideDb: true, hideNames: ["rpc"] });
    const update = vi.fn();
    render(
      <>
        <TraceToolbar
          state={{ ...DEFAULT_TRACE_VIEW_STATE, hideDb: true, hideTypes: ["rpc"] }}
          update={update}
          view={view}
          legend={computeTraceLegend(trace)}
          dbSpanCount={4}
          maxDepth={2}
          onNextMatch={() => {}}
        />
        <ShownSpans view={view} />
      </>,
    );
    expect(screen.getByTestId("hidden-counts").textContent).toBe("Showing 3 of 8 spans · hidden: 4 DB, 1 by type");
    fireEvent.click(screen.getByRole("checkbox", { name: /Hide DB spans/ }));
    expect(update).toHaveBeenCalledWith({ hideDb: false });
    fireEvent.change(screen.getByRole("searchbox", { name: "Search spans" }), { target: { value: "quota" } });
    expect(update).toHaveBeenCalledWith({ search: "quota" });
    fireEvent.click(screen.getByRole("button", { name: "Collapse all" }));
    expect(update).toHaveBeenCalledWith({ level: 0, toggled: [] });
    expect(screen.getByText(/Types \(1 hidden\)/)).toBeTruthy();
    // The type menu: checked = shown; it closes on a click outside.
    const menu = screen.getByText(/Types \(1 hidden\)/).closest("details")!;
    // Closed, the menu's list is not rendered (it would only weigh on the first screen).
    expect(within(menu).queryAllByRole("checkbox")).toEqual([]);
    menu.open = true;
    fireEvent(menu, new Event("toggle"));
    fireEvent.click(within(menu).getByRole("checkbox", { name: /compute_api/ }));
    expect(update).toHaveBeenLastCalledWith(expect.any(Function));
    expect(update.mock.lastCall![0]({ ...DEFAULT_TRACE_VIEW_STATE, hideTypes: ["rpc"] })).toEqual({ hideTypes: ["compute_api", "rpc"] });
    expect(within(menu).getByRole("checkbox", { name: /rpc/ })).toHaveProperty("checked", false);
    // Each type with its swatch from the span types' palette.
    const legend = computeTraceLegend(trace);
    expect(
      within(menu)
        .getAllByTestId("filter-swatch")
        .map((el) => el.style.backgroundColor),
    ).toEqual(legend.types.map((t) => cssColor(legend.typeColorOf(t.value))));
    fireEvent.pointerDown(document.body);
    expect(menu.open).toBe(false);
    fireEvent(menu, new Event("toggle"));
    expect(within(menu).queryAllByRole("checkbox")).toEqual([]);
  });

  it("says so when critical path only hides nothing, and counts what it hides otherwise", () => {
    const toolbar = (t: typeof trace) => <ShownSpans view={createTraceView(t, { criticalOnly: true })} />;
    // Every span of the nova list runs after the one before: all of them are on the path.
    const { unmount } = render(toolbar(trace));
    expect(screen.getByTestId("hidden-counts").textContent).toBe("Showing 8 of 8 spans · none off the critical path");
    unmount();
    const parallel = buildTrace(
      spansFromDrawing(`
      wsgi#w  api  0..100
      ├ rpc#a api  10..30
      └ rpc#b api  10..90
    `),
    );
    render(toolbar(parallel));
    expect(screen.getByTestId("hidden-counts").textContent).toBe("Showing 2 of 3 spans · hidden: 1 off the critical path");
  });

  it("writes its counts of hidden spans with digit groups, as it writes the shown ones", () => {
    // 1,200 parallel casts beside a longer one: all but it are off the path.
    const lines = Array.from({ length: 1200 }, (_, k) => `├ rpc#c${k} api 10..${20 + (k % 50)}`);
    const wide = buildTrace(spansFromDrawing(["wsgi#w api 0..100", ...lines, "└ rpc#long api 10..90"].join("\n")));
    render(<ShownSpans view={createTraceView(wide, { criticalOnly: true })} />);
    expect(screen.getByTestId("hidden-counts").textContent).toBe("Showing 2 of 1,202 spans · hidden: 1,200 off the critical path");
  });

  it("says how many of the shown spans the closed folds of critical path only hold", () => {
    render(<ShownSpans view={createTraceView(trace, { criticalOnly: true })} foldedSpans={5} />);
    expect(screen.getByTestId("hidden-counts").textContent).toBe("Showing 8 of 8 spans · none off the critical path · 5 in folds");
  });

  it("says why a trace, or a pair compared, opened on the critical path, and turns it off in one click", () => {
    const onShowAll = vi.fn();
    const { unmount } = render(<CriticalPathFirstNote onShowAll={onShowAll} />);
    expect(screen.getByTestId("critical-path-first").textContent).toBe(
      "Opened on the critical path: most of this request's time came after the API answered. Show every span",
    );
    unmount();
    render(<CriticalPathFirstNote pair onShowAll={onShowAll} />);
    expect(screen.getByTestId("critical-path-first").textContent).toBe(
      "Opened on the critical path: in either trace, most of the request's time came after the API answered. Show every span",
    );
    fireEvent.click(screen.getByRole("button", { name: "Show every span" }));
    expect(onShowAll).toHaveBeenCalledTimes(1);
  });

  it("shows an invalid regex instead of failing", () => {
    render(
      <TraceToolbar
        state={{ ...DEFAULT_TRACE_VIEW_STATE, search: "(", regex: true }}
        update={() => {}}
        view={createTraceView(trace, { search: { text: "(", regex: true } })}
        legend={computeTraceLegend(trace)}
        dbSpanCount={4}
        maxDepth={2}
        onNextMatch={() => {}}
      />,
    );
    expect(screen.getByTestId("search-status").textContent).toBe("invalid regex");
    // The reason in full, on a line of its own (not only in a tooltip of the cut status).
    expect(screen.getByTestId("search-error").textContent).toMatch(/^invalid regular expression: .*\(/);
    expect(screen.getByRole("searchbox").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("searchbox").getAttribute("aria-describedby")).toBe("search-status search-error");
  });

  it("says why a regex is not supported in full under the toolbar, and drops the line once the search is valid", () => {
    const props = {
      update: () => {},
      legend: computeTraceLegend(trace),
      dbSpanCount: 4,
      maxDepth: 2,
      onNextMatch: () => {},
    };
    const { rerender } = render(
      <TraceToolbar
        {...props}
        state={{ ...DEFAULT_TRACE_VIEW_STATE, search: "(?=x)foo", regex: true }}
        view={createTraceView(trace, { search: { text: "(?=x)foo", regex: true } })}
      />,
    );
    expect(screen.getByTestId("search-status").textContent).toBe("not supported");
    expect(screen.getByTestId("search-error").textContent).toBe(
      "regular expression not supported: lookahead and lookbehind cannot run in linear time",
    );
    expect(screen.getByRole("toolbar").contains(screen.getByTestId("search-error"))).toBe(false);
    rerender(
      <TraceToolbar
        {...props}
        state={{ ...DEFAULT_TRACE_VIEW_STATE, search: "foo", regex: true }}
        view={createTraceView(trace, { search: { text: "foo", regex: true } })}
      />,
    );
    expect(screen.queryByTestId("search-error")).toBeNull();
  });

  it("reads a refusal's reason out once, in a polite status region, not again at keystrokes that keep the same refusal", () => {
    const props = { update: () => {}, legend: computeTraceLegend(trace), dbSpanCount: 4, maxDepth: 2, onNextMatch: () => {} };
    const typed = (text: string) => (
      <TraceToolbar
        {...props}
        state={{ ...DEFAULT_TRACE_VIEW_STATE, search: text, regex: true }}
        view={createTraceView(trace, { search: { text, regex: true } })}
      />
    );
    const { rerender } = render(typed("foo"));
    // Mounted before any refusal, empty: a region mounted with its text is not read out.
    const region = screen.getByRole("status");
    expect(region.getAttribute("data-testid")).toBe("search-error-announcement");
    expect(region.className).toContain("sr-only");
    expect(region.textContent).toBe("");
    rerender(typed("foo("));
    const first = screen.getByTestId("search-error").textContent!;
    expect(first).toMatch(/^invalid regular expression: .*Unterminated group$/);
    expect(region.textContent).toBe(first);
    // Typing on: the visible line follows the pattern, the region keeps its text (nothing new to read).
    rerender(typed("foo(b"));
    expect(screen.getByTestId("search-error").textContent).not.toBe(first);
    expect(region.textContent).toBe(first);
    rerender(typed("foo(b)(?=x)"));
    expect(region.textContent).toBe("regular expression not supported: lookahead and lookbehind cannot run in linear time");
    rerender(typed("foo(b)"));
    expect(region.textContent).toBe("");
  });
});

describe("wire text that looks like HTML", () => {
  const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  const hostile = buildTrace(
    spansFromDrawing(`
    wsgi#w  x  0..100  path="GET /<script>window.__pwned=3</script>"
    └ db#d  x  10..20  sql="SELECT '<img src=x onerror=window.__pwned=4>'"
  `).map((s) => ({ ...s, host: evil, service: evil, error: s.spanId === "d" ? { type: evil, message: evil } : null })),
  );

  it("is rendered as text in the details panel and the breakdowns", async () => {
    stubSpanApi(() => ({ ...spans[0]!, startPayload: { name: evil, info: { [evil]: evil } }, stopPayload: null }));
    const { container } = render(
      <>
        <SpanDetailsPanel trace={hostile} spanIndex={1} color="#123456" onClose={() => {}} onSelectSpan={() => {}} />
        <BreakdownPanels
          trace={hostile}
          view={createTraceView(hostile)}
          legend={computeTraceLegend(hostile)}
          tab="host"
          onTab={() => {}}
          highlightedSql={null}
          onHighlightSql={() => {}}
          onSelectSpan={() => {}}
        />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId("raw-payloads")).toBeTruthy());
    await screen.findByTestId("breakdown-table-host");
    expect(container.querySelectorAll("img, script")).toHaveLength(0);
    expect(container.textContent).toContain(evil);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe("against typical", () => {
  it("names a service as the rest of the page does (project / service), and one this trace lacks by its bare name", async () => {
    const compared = (services: string[], apiUs: number): ComparedTrace => ({
      traceId: "t",
      durationUs: 1000 + apiUs,
      answeredUs: null,
      errorCount: 0,
      services,
      aggregates: services.map((service) => ({
        kind: "call",
        key: `${service}\twsgi`,
        count: 1,
        totalUs: service === "api" ? apiUs : 10,
        maxUs: 10,
      })),
    });
    const comparison: TypicalComparisonResponse = {
      ...compareWithTypical(compared(["api", "nova-compute"], 5000), [compared(["api", "nova-compute", "gone"], 1000)], String),
      signature: null,
      baselineTraceIds: ["b"],
      complete: true,
    };
    const unused = () => Promise.reject(new Error("not in this test"));
    const source: TraceDataSource = {
      loadTrace: unused,
      loadSpanDetails: unused,
      downloads: () => ({ osprofilerJson: "", osprofilerDot: "", otlpJson: "" }),
      loadTypicalComparison: () => Promise.resolve(comparison),
    };
    render(
      <TraceDataSourceContext.Provider value={source}>
        <TypicalComparisonPanel
          traceId="t"
          projectsOf={
            new Map([
              ["api", "glance"],
              ["nova-compute", "nova"],
            ])
          }
        />
      </TraceDataSourceContext.Provider>,
    );
    const services = await screen.findByRole("table", { name: "Services" });
    const names = within(services)
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.querySelector("td")!.lastChild!.textContent);
    expect(names).toEqual(["glance / api", "gone"]);
    const calls = within(screen.getByRole("table", { name: "Calls (service, span type)" }))
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.querySelector("td")!.lastChild!.textContent);
    expect(calls).toContain("glance / api wsgi");
  });

  it("marks the sums that add up calls side by side past the trace's duration, and says why", async () => {
    const boot = (traceId: string, spawns: number, durationUs: number): ComparedTrace => ({
      traceId,
      durationUs,
      answeredUs: null,
      errorCount: 0,
      services: ["nova-compute"],
      aggregates: [{ kind: "call", key: "nova-compute\tdriver", count: spawns, totalUs: spawns * 5_000_000, maxUs: 5_000_000 }],
    });
    const comparison: TypicalComparisonResponse = {
      ...compareWithTypical(boot("t", 11, 10_600_000), [boot("b", 1, 5_500_000)], formatDurationUs),
      signature: null,
      baselineTraceIds: ["b"],
      complete: true,
    };
    const unused = () => Promise.reject(new Error("not in this test"));
    render(
      <TraceDataSourceContext.Provider
        value={{
          loadTrace: unused,
          loadSpanDetails: unused,
          downloads: () => ({ osprofilerJson: "", osprofilerDot: "", otlpJson: "" }),
          loadTypicalComparison: () => Promise.resolve(comparison),
        }}
      >
        <TypicalComparisonPanel traceId="t" />
      </TraceDataSourceContext.Provider>,
    );
    expect((await screen.findByTestId("typical-summary")).textContent).toMatch(
      /in nova-compute driver \(summed over 11 calls that overlap, against 1\)/,
    );
    const calls = screen.getByRole("table", { name: "Calls (service, span type)" });
    expect(within(calls).getByText("overlap").getAttribute("title")).toBe(
      `here summed over 11 calls that overlap: more than this trace's ${formatDurationUs(10_600_000)}`,
    );
    // The service's 55 s passes the 10.6 s too, but a service's spans nest (a request's span holds its
    // db spans) on nearly every trace: not marked, and the explanation says so.
    const services = screen.getByRole("table", { name: "Services" });
    expect(within(services).getByText("nova-compute")).toBeTruthy();
    expect(within(services).queryByText("overlap")).toBeNull();
    const explanation = screen.getByText(/so a sum can exceed the trace's/).textContent;
    expect(explanation).toContain(formatDurationUs(10_600_000));
    expect(explanation).toMatch(/overlap marks the calls whose sums do\. .*services are not marked\./);
  });
});

/** The trace of `spans` as the page receives it, span `spanId` raising `message` in its page form (showUnstorable), clipped when long. */
function pageTrace(spanId: string, message: string) {
  const page = spans.map((s) => (s.spanId === spanId ? { ...s, error: { type: "DBError", message: showUnstorable(message) } } : s));
  return convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(page))))));
}
