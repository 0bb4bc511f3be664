// Filters return a new view over the unchanged trace: which spans are kept, and the tree they
// form when every hidden span's children move up to the nearest kept ancestor. Because hiding
// never reorders, the view's pre-order is the trace's pre-order without the hidden spans, so a
// view is a few typed arrays built in one pass (no per-span objects), whatever is hidden. On a
// million spans that pass is ~50-100 ms, so it is not made again when only the search changes
// (the tree is the same, only the marks differ), and a view that hides nothing is the trace's
// own tree.
import { computeCriticalPath, type PathTimes } from "./computeCriticalPath";
import { compileSpanSearch, isSearchError, matchSearch, readClippedLength, type SpanSearch } from "./searchSpans";
import type { Trace } from "./types";

/** Span names (types) that "hide DB spans" hides: osprofiler.sqlalchemy's default name. */
export const DB_SPAN_NAMES: ReadonlySet<string> = new Set(["db"]);

export type TraceFilter = {
  hideDb?: boolean;
  /** Span types (names) to hide. */
  hideNames?: readonly string[];
  hideServices?: readonly string[];
  search?: SpanSearch;
  /** Keep only the spans that match the search, with their ancestors. Ignored without a valid search. */
  onlyMatches?: boolean;
  /** Keep only the spans on the critical path (computeCriticalPath), with their ancestors. */
  criticalOnly?: boolean;
  /**
   * The path "critical path only" keeps, when it is not the trace's own: the compare page's
   * merged rows keep those on either trace's path (alignCriticalPaths).
   */
  criticalPath?: PathTimes;
};

/** Hidden spans by the first reason that applies, in this order. */
type HiddenCounts = { total: number; db: number; byName: number; byService: number; notMatching: number; offCriticalPath: number };

export type TraceView = {
  trace: Trace;
  filter: TraceFilter;
  /** Spans in the view. The arrays below indexed by view position have this length. */
  size: number;
  /** View position -> span position in the trace. */
  order: Int32Array;
  /** Span position in the trace -> view position, -1 when hidden. */
  position: Int32Array;
  /** View position -> view position of the nearest kept ancestor, -1 for the view's roots. */
  parent: Int32Array;
  depth: Int32Array;
  /** Exclusive end of each subtree, in view positions. */
  subtreeEnd: Int32Array;
  /** By span position: 1 when the span matches the search; null when there is no (valid) search. */
  matches: Uint8Array | null;
  /** Matching spans that are in the view. */
  matchCount: number;
  /**
   * Matching spans the view's filters hide (critical path only, hidden DB spans, types, services):
   * a search that finds only those must not read as finding nothing (findNextMatch goes to them).
   */
  hiddenMatchCount: number;
  /** Why the search was not applied (an invalid regex), for the person typing it. */
  searchError: string | null;
  /** A regex search waiting for its engine (regexEngine.ts): applied once the engine is loaded. */
  searchPending: boolean;
  /**
   * The search matched the trace's clipped texts (clipTraceTexts.ts) by their kept start only:
   * the server's answer for their whole text (SpanSearch.clippedMatches) is not in.
   */
  searchClippedOnly: boolean;
  hidden: HiddenCounts;
};

/** What a view keeps of the trace: the tree of its spans, whatever the search marks in it. */
type ViewShape = Pick<TraceView, "size" | "order" | "position" | "parent" | "depth" | "subtreeEnd"> & { hidden: HiddenCounts };

export function createTraceView(trace: Trace, filter: TraceFilter = {}): TraceView {
  let matches: Uint8Array | null = null;
  let matched: Int32Array | null = null;
  let searchError: string | null = null;
  const matcher = filter.search ? compileSpanSearch(filter.search) : null;
  const searchPending = isSearchError(matcher) && matcher.pending === true;
  if (isSearchError(matcher)) searchError = searchPending ? null : matcher.error;
  else if (matcher) ({ matches, positions: matched } = matchSearch(trace, filter.search!, matcher));

  // Only "only matches" makes the tree depend on the query: otherwise a keystroke keeps the shape.
  const shape = matches && filter.onlyMatches ? computeShape(trace, filter, matches) : readShape(trace, filter);
  let matchCount = 0;
  if (matched && shape.size === trace.size) matchCount = matched.length;
  else if (matched) for (let k = 0; k < matched.length; k++) if (shape.position[matched[k]!]! >= 0) matchCount++;

  const searchClippedOnly = matches !== null && filter.search!.clippedMatches === undefined && readClippedLength(trace) !== null;
  const hiddenMatchCount = matched ? matched.length - matchCount : 0;
  return {
    trace,
    filter,
    ...shape,
    hidden: { ...shape.hidden },
    matches,
    matchCount,
    hiddenMatchCount,
    searchError,
    searchPending,
    searchClippedOnly,
  };
}

/**
 * Builds and keeps the tree of the view `filter` would give (what createTraceView of it then
 * reuses), so that the click which applies it does not: made in idle time for a likely filter.
 */
export function prepareTraceView(trace: Trace, filter: TraceFilter): void {
  readShape(trace, filter);
}

/**
 * Per trace, the shapes of the last few filters that hid something, newest first (the identity
 * shape costs nothing to keep): toggling a filter off and on again, or typing a search under it,
 * builds nothing; and the two filters with a button of their own ("hide DB spans", "critical
 * path only"), both prepared in idle time (components/trace/usePreparedViews.ts), stay prepared side by side.
 */
const shapes = new WeakMap<Trace, { key: string; shape: ViewShape }[]>();
const KEPT_SHAPES = 3;

function readShape(trace: Trace, filter: TraceFilter): ViewShape {
  const hideNames = [...(filter.hideDb ? DB_SPAN_NAMES : []), ...(filter.hideNames ?? [])];
  if (hideNames.length === 0 && !filter.hideServices?.length && !filter.criticalOnly) return readWholeShape(trace);
  const path = filter.criticalOnly && filter.criticalPath ? identify(filter.criticalPath) : 0;
  const key = JSON.stringify([!!filter.hideDb, filter.hideNames ?? [], filter.hideServices ?? [], !!filter.criticalOnly, path]);
  const kept = shapes.get(trace) ?? [];
  const found = kept.find((k) => k.key === key);
  const shape = found ? found.shape : computeShape(trace, filter, null);
  shapes.set(trace, [{ key, shape }, ...kept.filter((k) => k.key !== key)].slice(0, KEPT_SHAPES));
  return shape;
}

/** A number per path given in a filter (1 on), for the shapes' keys: the trace's own path is 0. */
const pathIds = new WeakMap<PathTimes, number>();
let lastPathId = 0;
function identify(path: PathTimes): number {
  let id = pathIds.get(path);
  if (id === undefined) pathIds.set(path, (id = ++lastPathId));
  return id;
}

const wholeShapes = new WeakMap<Trace, ViewShape>();

/** Nothing hidden: the view's tree is the trace's own (one identity array for both mappings). */
function readWholeShape(trace: Trace): ViewShape {
  let shape = wholeShapes.get(trace);
  if (!shape) {
    const identity = new Int32Array(trace.size);
    for (let i = 0; i < trace.size; i++) identity[i] = i;
    const hidden = { total: 0, db: 0, byName: 0, byService: 0, notMatching: 0, offCriticalPath: 0 };
    shape = {
      size: trace.size,
      order: identity,
      position: identity,
      parent: trace.parent,
      depth: trace.depth,
      subtreeEnd: trace.subtreeEnd,
      hidden,
    };
    wholeShapes.set(trace, shape);
  }
  return shape;
}

function computeShape(trace: Trace, filter: TraceFilter, matches: Uint8Array | null): ViewShape {
  const n = trace.size;
  const keep = new Uint8Array(n);
  const hidden: HiddenCounts = { total: 0, db: 0, byName: 0, byService: 0, notMatching: 0, offCriticalPath: 0 };

  const dbName = markStrings(trace, filter.hideDb ? [...DB_SPAN_NAMES] : []);
  const hiddenName = markStrings(trace, filter.hideNames ?? []);
  const hiddenService = markStrings(trace, filter.hideServices ?? []);
  for (let i = 0; i < n; i++) {
    if (dbName[trace.name[i]!]) hidden.db++;
    else if (hiddenName[trace.name[i]!]) hidden.byName++;
    else if (hiddenService[trace.service[i]!]) hidden.byService++;
    else keep[i] = 1;
  }

  if (matches && filter.onlyMatches) hidden.notMatching = keepWithAncestors(trace, keep, matches);
  if (filter.criticalOnly) {
    const onPath = (filter.criticalPath ?? computeCriticalPath(trace)).bySpan;
    hidden.offCriticalPath = keepWithAncestors(
      trace,
      keep,
      Uint8Array.from(onPath, (us) => (us > 0 ? 1 : 0)),
    );
  }

  // Sized once for what is kept (no copies of the used length), the stack for the deepest span.
  let kept = 0,
    maxDepth = 0;
  for (let i = 0; i < n; i++) {
    kept += keep[i]!;
    if (trace.depth[i]! > maxDepth) maxDepth = trace.depth[i]!;
  }
  const order = new Int32Array(kept);
  const position = new Int32Array(n).fill(-1);
  const parent = new Int32Array(kept);
  const depth = new Int32Array(kept);
  const subtreeEnd = new Int32Array(kept);
  const open = new Int32Array(maxDepth + 1); // span positions of the kept ancestors of the current span
  let top = 0,
    size = 0;
  for (let i = 0; i < n; i++) {
    while (top > 0 && trace.subtreeEnd[open[top - 1]!]! <= i) subtreeEnd[position[open[--top]!]!] = size;
    if (!keep[i]) continue;
    const v = size++;
    order[v] = i;
    position[i] = v;
    parent[v] = top > 0 ? position[open[top - 1]!]! : -1;
    depth[v] = top;
    open[top++] = i;
  }
  while (top > 0) subtreeEnd[position[open[--top]!]!] = size;
  hidden.total = n - size;
  return { size, order, position, parent, depth, subtreeEnd, hidden };
}

/**
 * Unkeeps every kept span with no kept `wanted` span in its subtree, and returns how many. A
 * subtree ends after its root in pre-order, so one backward pass carries "has one below" up to
 * every ancestor, hidden ones included.
 */
function keepWithAncestors(trace: Trace, keep: Uint8Array, wanted: Uint8Array): number {
  const n = trace.size;
  const below = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (keep[i] && wanted[i]) below[i] = 1;
    const p = trace.parent[i]!;
    if (below[i] && p >= 0) below[p] = 1;
  }
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    if (keep[i] && !below[i]) {
      keep[i] = 0;
      dropped++;
    }
  }
  return dropped;
}

/** By string index: 1 for the strings in `texts`. */
function markStrings(trace: Trace, texts: readonly string[]): Uint8Array {
  const marked = new Uint8Array(trace.strings.length);
  if (texts.length === 0) return marked;
  const wanted = new Set(texts);
  trace.strings.forEach((s, i) => {
    if (wanted.has(s)) marked[i] = 1;
  });
  return marked;
}

/** Whether the view-span at `v` has children in the view. */
export function hasViewChildren(view: TraceView, v: number): boolean {
  return view.subtreeEnd[v]! > v + 1;
}
