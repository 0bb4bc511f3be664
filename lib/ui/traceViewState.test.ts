import { describe, expect, it } from "vitest";
import { buildTimelineRows, buildTrace, createTraceView, readTimelineRow } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { resolveCollapsed, revealSpanInToggles, toggleSpanId } from "./collapseState";
import {
  convertViewStateToFilter,
  DEFAULT_TRACE_VIEW_STATE,
  formatTraceViewState,
  MAX_URL_TOGGLES,
  parseTraceViewState,
  toggleListValue,
  type TraceViewState,
} from "./traceViewState";

describe("trace view state in the URL", () => {
  it("leaves a plain view without parameters", () => {
    expect(formatTraceViewState(DEFAULT_TRACE_VIEW_STATE)).toBe("");
    expect(parseTraceViewState("")).toEqual(DEFAULT_TRACE_VIEW_STATE);
  });

  it("round-trips every field, including texts that need escaping", () => {
    const state: TraceViewState = {
      hideDb: true,
      hideTypes: ["driver", "rpc"],
      hideServices: ["nova,conductor", "osapi_compute"],
      search: 'quota & <b>"x"',
      regex: true,
      onlyMatches: true,
      criticalOnly: true,
      openedFolds: ["0b0c4c59-5e3f-4a57-9b8e-0f6d8a3f2b11", "9d2f7c1e-3a44-4b6e-8f10-6c5b2a7e9d03"],
      finding: 2,
      shiftClocks: true,
      selected: "6fa9fdfe-dda7-46b6-a793-03ffaf7ad9a8",
      level: 2,
      toggled: ["54a70521-262e-4311-9e61-632f1d349119", "d1546093-8a9e-4715-8580-2420b3124e35"],
      tab: "db",
      sql: 3,
      zoom: [1500, 98_000],
    };
    const query = formatTraceViewState(state);
    expect(query).toContain("toggle=54a70521-262e-4311-9e61-632f1d349119,d1546093-8a9e-4715-8580-2420b3124e35");
    expect(query).toContain("crit=1&fold=0b0c4c59-5e3f-4a57-9b8e-0f6d8a3f2b11,9d2f7c1e-3a44-4b6e-8f10-6c5b2a7e9d03&");
    expect(parseTraceViewState(query)).toEqual(state);
  });

  it("keeps the opened folds of 'critical path only' only while it is on, and ignores malformed ones", () => {
    expect(parseTraceViewState("crit=1&fold=b,a,,a").openedFolds).toEqual(["a", "b"]);
    // Without critical path only there are no folds: a hand-made link's are ignored, none are written.
    expect(parseTraceViewState("fold=a").openedFolds).toEqual([]);
    expect(formatTraceViewState({ ...DEFAULT_TRACE_VIEW_STATE, openedFolds: ["a"] })).toBe("");
    expect(parseTraceViewState("crit=1&fold=,,&fold=").openedFolds).toEqual([]);
    const many = Array.from({ length: MAX_URL_TOGGLES + 5 }, (_, i) => `id-${String(i).padStart(4, "0")}`);
    expect(parseTraceViewState(`crit=1&fold=${many.join(",")}`).openedFolds).toEqual(many.slice(0, MAX_URL_TOGGLES));
  });

  it("writes 'critical path only' against the trace's own default, and reads crit=0 as off", () => {
    const onByDefault = { criticalOnly: true };
    // A trace that opens on its critical path: a plain link opens it so, and says nothing.
    expect(parseTraceViewState("", onByDefault)).toEqual({ ...DEFAULT_TRACE_VIEW_STATE, criticalOnly: true });
    expect(formatTraceViewState({ ...DEFAULT_TRACE_VIEW_STATE, criticalOnly: true }, onByDefault)).toBe("");
    // Turned off there: the link says so, and reads back off.
    const off = formatTraceViewState(DEFAULT_TRACE_VIEW_STATE, onByDefault);
    expect(off).toBe("crit=0");
    expect(parseTraceViewState(off, onByDefault).criticalOnly).toBe(false);
    // The folds opened under the default are kept, as under crit=1.
    const folded = { ...DEFAULT_TRACE_VIEW_STATE, criticalOnly: true, openedFolds: ["a", "b"] };
    expect(formatTraceViewState(folded, onByDefault)).toBe("fold=a,b");
    expect(parseTraceViewState("fold=a,b", onByDefault)).toEqual(folded);
    expect(parseTraceViewState("crit=0&fold=a,b", onByDefault).openedFolds).toEqual([]);
    // Elsewhere nothing changes: crit=1 turns it on, and crit=0 is the plain view a link need not name.
    expect(parseTraceViewState("crit=1").criticalOnly).toBe(true);
    expect(parseTraceViewState("crit=0")).toEqual(DEFAULT_TRACE_VIEW_STATE);
    expect(formatTraceViewState(DEFAULT_TRACE_VIEW_STATE)).toBe("");
    // Anything else leaves the trace's default.
    expect(parseTraceViewState("crit=yes", onByDefault).criticalOnly).toBe(true);
    expect(parseTraceViewState("crit=yes").criticalOnly).toBe(false);
  });

  it("ignores what it does not understand instead of failing", () => {
    const state = parseTraceViewState(
      "hideDb=yes&level=-1&tab=nope&sql=x&toggle=,,&span=&hideType=&unknown=1&zoom=5-5&crit=2&why=-1&clock=on&fold=x",
    );
    expect(parseTraceViewState("zoom=9-2").zoom).toBeNull();
    expect(parseTraceViewState("zoom=0-2").zoom).toEqual([0, 2]);
    expect(state).toEqual(DEFAULT_TRACE_VIEW_STATE);
  });

  it("keeps at most MAX_URL_TOGGLES toggles in a link", () => {
    const toggled = Array.from({ length: MAX_URL_TOGGLES + 5 }, (_, i) => `id-${String(i).padStart(4, "0")}`);
    const parsed = parseTraceViewState(formatTraceViewState({ ...DEFAULT_TRACE_VIEW_STATE, toggled }));
    expect(parsed.toggled).toEqual(toggled.slice(0, MAX_URL_TOGGLES));
  });

  it("turns into the trace model's filter", () => {
    expect(
      convertViewStateToFilter({
        ...DEFAULT_TRACE_VIEW_STATE,
        hideDb: true,
        search: "a.b",
        regex: true,
        hideTypes: ["rpc"],
        criticalOnly: true,
      }),
    ).toEqual({
      hideDb: true,
      hideNames: ["rpc"],
      hideServices: [],
      search: { text: "a.b", regex: true },
      onlyMatches: false,
      criticalOnly: true,
    });
    expect(convertViewStateToFilter(DEFAULT_TRACE_VIEW_STATE).search).toBeUndefined();
    expect(toggleListValue(["b"], "a")).toEqual(["a", "b"]);
    expect(toggleListValue(["a", "b"], "a")).toEqual(["b"]);
  });
});

describe("collapse state as level + toggles", () => {
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#w        api    0..1000
    ├ rpc#a       api    100..600
    │ ├ db#a1     api    150..200
    │ └ rpc#a2    api    250..500
    │   └ db#a21  api    300..301
    └ rpc#b       api    700..900
      └ db#b1     api    720..760
  `),
  );
  const view = createTraceView(trace);
  const ids = (collapsed: Set<string>) => {
    const rows = buildTimelineRows(view, collapsed);
    return Array.from({ length: rows.count }, (_, r) => trace.spanId[readTimelineRow(rows, r).spanIndex]);
  };

  it("expands everything without a level, and flips toggled spans against the level", () => {
    expect(ids(resolveCollapsed(view, null, []))).toEqual(["w", "a", "a1", "a2", "a21", "b", "b1"]);
    expect(ids(resolveCollapsed(view, 1, []))).toEqual(["w", "a", "b"]);
    expect(ids(resolveCollapsed(view, 1, ["a"]))).toEqual(["w", "a", "a1", "a2", "b"]);
    expect(ids(resolveCollapsed(view, null, ["a", "b"]))).toEqual(["w", "a", "b"]);
    expect(toggleSpanId(toggleSpanId([], "b"), "a")).toEqual(["a", "b"]);
    expect(toggleSpanId(["a", "b"], "a")).toEqual(["b"]);
  });

  it("reveals a span hidden in collapsed ancestors by adjusting only those toggles", () => {
    const toggled = revealSpanInToggles(view, resolveCollapsed(view, 0, ["b"]), ["b"], "a21");
    expect(toggled).toEqual(["a", "a2", "b", "w"]);
    // b stays as it was: expanded by its toggle against level 0.
    expect(ids(resolveCollapsed(view, 0, toggled))).toEqual(["w", "a", "a1", "a2", "a21", "b", "b1"]);
    expect(ids(resolveCollapsed(view, 0, revealSpanInToggles(view, resolveCollapsed(view, 0, []), [], "a1")))).toEqual([
      "w",
      "a",
      "a1",
      "a2",
      "b",
    ]);
    // Already visible: nothing changes.
    expect(revealSpanInToggles(view, new Set(), ["x"], "a21")).toEqual(["x"]);
    expect(revealSpanInToggles(view, new Set(["w"]), [], "nope")).toEqual([]);
  });

  it("reveals nothing for a span the view hides, and never changes the toggles it is given", () => {
    const noDb = createTraceView(trace, { hideDb: true });
    expect(revealSpanInToggles(noDb, resolveCollapsed(noDb, 0, ["w"]), ["w"], "a21")).toEqual(["w"]);
    const given = ["b"];
    expect(revealSpanInToggles(view, resolveCollapsed(view, 0, given), given, "a21")).toEqual(["a", "a2", "b", "w"]);
    expect(toggleSpanId(given, "a")).toEqual(["a", "b"]);
    expect(given).toEqual(["b"]);
  });
});

describe("showSpanInState", () => {
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#w        api      0..1000
    ├ rpc#a       api      100..600
    │ └ db#a1     api      150..200
    └ driver#b    compute  700..900
  `),
  );

  it("relaxes only the filters that hide the span, and expands its ancestors", async () => {
    const { showSpanInState } = await import("./showSpanInState");
    const state = { ...DEFAULT_TRACE_VIEW_STATE, hideDb: true, hideTypes: ["driver", "rpc"], hideServices: ["compute"], level: 0 };
    expect(showSpanInState(trace, state, trace.spanId.indexOf("a1"))).toEqual({ selected: "a1", hideDb: false, toggled: ["w"] });
    expect(showSpanInState(trace, state, trace.spanId.indexOf("b"))).toEqual({
      selected: "b",
      hideTypes: ["rpc"],
      hideServices: [],
      toggled: ["w"],
    });
    // A non-matching span under only-matches: that filter goes too.
    const searching = { ...DEFAULT_TRACE_VIEW_STATE, search: "db", onlyMatches: true };
    expect(showSpanInState(trace, searching, trace.spanId.indexOf("b"))).toEqual({ selected: "b", onlyMatches: false, toggled: [] });
    expect(showSpanInState(trace, searching, trace.spanId.indexOf("a1"))).toEqual({ selected: "a1", toggled: [] });
  });
});
