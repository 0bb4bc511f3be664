// Everything about a trace page that a shared link must reproduce, and its URL form. The URL is
// the only place the state is written down: parseTraceViewState(formatTraceViewState(s)) === s.
//
//   /traces/<base_id>?hideDb=1&hideType=driver&q=quota&only=1&crit=1&fold=<id>&why=1&clock=1&span=<id>&level=2&toggle=<id>,<id>&tab=db&sql=0
//
// Collapse state is "expand to level N" (or everything) plus the spans toggled away from it, so
// the common cases are a few bytes; beyond MAX_URL_TOGGLES toggled spans the link keeps the
// level and the first toggles only. The folds opened in "critical path only" are kept the same
// way (by their first spans' ids), and only while it is on: without it there are no folds.
//
// Some defaults are the trace's own (TraceViewDefaults, lib/ui/chooseTraceViewDefaults.ts): a
// trace whose work went on long after the API answered opens on its critical path. The URL then
// says only what differs from that trace's default ("crit=0" turns it off), so a plain link still
// means "the trace as it opens".
import type { TraceFilter } from "../trace";

export const BREAKDOWN_TABS = ["service", "project", "host", "type", "db", "longest"] as const;
export type BreakdownTab = (typeof BREAKDOWN_TABS)[number];

export type TraceViewState = {
  hideDb: boolean;
  /** Span types (names) hidden, sorted. */
  hideTypes: string[];
  /** Services hidden, sorted. */
  hideServices: string[];
  search: string;
  regex: boolean;
  onlyMatches: boolean;
  /** Only the critical path (with the ancestors of its spans). */
  criticalOnly: boolean;
  /** Folds of "critical path only" opened (lib/trace/findPathFolds), by their first spans' ids, sorted. */
  openedFolds: string[];
  /** The "why slow" finding whose spans are highlighted: its index in explainTrace's list. */
  finding: number | null;
  /** Show the trace with each host's estimated clock offset applied (estimateClockSkew). */
  shiftClocks: boolean;
  /** The span whose details are open. */
  selected: string | null;
  /** Expand to this level (0 = roots only); null = everything expanded. */
  level: number | null;
  /** Spans whose collapse state differs from what `level` gives, sorted. */
  toggled: string[];
  tab: BreakdownTab;
  /** Highlighted DB statement: its index in the unfiltered DB breakdown. */
  sql: number | null;
  /** The time window the timeline shows, in µs after the trace's start; null for the whole trace. */
  zoom: [fromUs: number, toUs: number] | null;
};

export const DEFAULT_TRACE_VIEW_STATE: TraceViewState = {
  hideDb: false,
  hideTypes: [],
  hideServices: [],
  search: "",
  regex: false,
  onlyMatches: false,
  criticalOnly: false,
  openedFolds: [],
  finding: null,
  shiftClocks: false,
  selected: null,
  level: null,
  toggled: [],
  tab: "service",
  sql: null,
  zoom: null,
};

/** What a trace page shows when its URL says nothing: the same for every trace but these. */
export type TraceViewDefaults = Pick<TraceViewState, "criticalOnly">;

export const PLAIN_TRACE_VIEW_DEFAULTS: TraceViewDefaults = { criticalOnly: false };

export const MAX_URL_TOGGLES = 200;
const MAX_LEVEL = 10_000;
const MAX_TEXT = 1000;

export function parseTraceViewState(
  input: URLSearchParams | string,
  defaults: TraceViewDefaults = PLAIN_TRACE_VIEW_DEFAULTS,
): TraceViewState {
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  const flag = (key: string) => params.get(key) === "1";
  const flagOr = (key: string, otherwise: boolean) => (params.get(key) === "1" ? true : params.get(key) === "0" ? false : otherwise);
  const list = (key: string) =>
    sortedUnique(
      params
        .getAll(key)
        .map((s) => s.slice(0, MAX_TEXT))
        .filter(Boolean),
    );
  const count = (key: string, max: number): number | null => {
    const raw = params.get(key);
    return raw !== null && /^\d{1,6}$/.test(raw) && Number(raw) <= max ? Number(raw) : null;
  };
  const idList = (key: string) =>
    sortedUnique(
      params
        .getAll(key)
        .flatMap((s) => s.split(","))
        .filter(Boolean),
    ).slice(0, MAX_URL_TOGGLES);
  const tab = params.get("tab");
  const criticalOnly = flagOr("crit", defaults.criticalOnly);
  return {
    hideDb: flag("hideDb"),
    hideTypes: list("hideType"),
    hideServices: list("hideService"),
    search: (params.get("q") ?? "").slice(0, MAX_TEXT),
    regex: flag("re"),
    onlyMatches: flag("only"),
    criticalOnly,
    openedFolds: criticalOnly ? idList("fold") : [],
    finding: count("why", 100),
    shiftClocks: flag("clock"),
    selected: params.get("span") || null,
    level: count("level", MAX_LEVEL),
    toggled: idList("toggle"),
    tab: (BREAKDOWN_TABS as readonly string[]).includes(tab ?? "") ? (tab as BreakdownTab) : DEFAULT_TRACE_VIEW_STATE.tab,
    sql: count("sql", 1_000_000),
    zoom: parseZoom(params.get("zoom")),
  };
}

function parseZoom(raw: string | null): [number, number] | null {
  const m = raw === null ? null : /^(\d{1,15})-(\d{1,15})$/.exec(raw);
  if (!m) return null;
  const from = Number(m[1]),
    to = Number(m[2]);
  return from < to ? [from, to] : null;
}

/** The query string (without "?") for a state; default values are left out, so a plain view has none. */
export function formatTraceViewState(state: TraceViewState, defaults: TraceViewDefaults = PLAIN_TRACE_VIEW_DEFAULTS): string {
  const params = new URLSearchParams();
  if (state.hideDb) params.set("hideDb", "1");
  for (const t of state.hideTypes) params.append("hideType", t);
  for (const s of state.hideServices) params.append("hideService", s);
  if (state.search) params.set("q", state.search);
  if (state.regex) params.set("re", "1");
  if (state.onlyMatches) params.set("only", "1");
  if (state.criticalOnly !== defaults.criticalOnly) params.set("crit", state.criticalOnly ? "1" : "0");
  // Span ids are UUIDs (the boundary validates them), so a comma list is unambiguous and short.
  if (state.criticalOnly && state.openedFolds.length > 0) params.set("fold", state.openedFolds.slice(0, MAX_URL_TOGGLES).join(","));
  if (state.finding !== null) params.set("why", String(state.finding));
  if (state.shiftClocks) params.set("clock", "1");
  if (state.selected) params.set("span", state.selected);
  if (state.level !== null) params.set("level", String(state.level));
  if (state.toggled.length > 0) params.set("toggle", state.toggled.slice(0, MAX_URL_TOGGLES).join(","));
  if (state.tab !== DEFAULT_TRACE_VIEW_STATE.tab) params.set("tab", state.tab);
  if (state.sql !== null) params.set("sql", String(state.sql));
  if (state.zoom) params.set("zoom", `${Math.round(state.zoom[0])}-${Math.round(state.zoom[1])}`);
  // Commas need no escaping in a query and keep the toggle list readable.
  return params.toString().replace(/%2C/g, ",");
}

/**
 * The filter of lib/trace's createTraceView that a state asks for. `clippedMatches`: the server's
 * answer for the search over the whole of the clipped texts (SpanSearch.clippedMatches), once in.
 */
export function convertViewStateToFilter(
  state: Pick<TraceViewState, "hideDb" | "hideTypes" | "hideServices" | "search" | "regex" | "onlyMatches" | "criticalOnly">,
  clippedMatches?: ReadonlySet<string>,
): TraceFilter {
  return {
    criticalOnly: state.criticalOnly,
    hideDb: state.hideDb,
    hideNames: state.hideTypes,
    hideServices: state.hideServices,
    search: state.search ? { text: state.search, regex: state.regex, ...(clippedMatches ? { clippedMatches } : {}) } : undefined,
    onlyMatches: state.onlyMatches,
  };
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Adds or removes one value of a sorted list (a checkbox in the type or service filter). */
export function toggleListValue(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : sortedUnique([...list, value]);
}
