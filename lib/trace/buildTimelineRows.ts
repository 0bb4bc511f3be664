// The flat row model the virtualized timeline draws: the view's pre-order minus the subtrees of
// collapsed spans. Rows are an index array; a row becomes an object only when it is on screen.
import { computeBar, traceAxis, type Bar, type TimeAxis } from "./computeBar";
import { hasViewChildren, type TraceView } from "./createTraceView";
import { findSpanIndex } from "./findSpanIndex";
import type { PathFolds } from "./findPathFolds";

export type TimelineRows = {
  view: TraceView;
  count: number;
  /** Row -> view position, increasing. */
  rows: Int32Array;
  /** By view position: 1 when the span is collapsed (it is in the set and has children in the view). */
  collapsed: Uint8Array;
  /**
   * By view position: 1 when the row there stands for a closed fold (findPathFolds), the view
   * positions [v, folds.end[v]); null when there are no folds.
   */
  folded: Uint8Array | null;
  folds: PathFolds | null;
};

/** Folds of the view (findPathFolds) and the span ids of the first spans of those opened. */
export type RowFolds = { folds: PathFolds; opened: ReadonlySet<string> };

export type TimelineRow = {
  row: number;
  /** Position in the trace (the index the trace's columns and readSpan use). */
  spanIndex: number;
  viewPosition: number;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** Matches the view's search. */
  matches: boolean;
  bar: Bar;
  flags: number;
};

// The last rows built per view tree (views of one tree share its order array): a view that
// differs only in its search marks, with the same spans collapsed, gets the same arrays back, so
// what is drawn from the rows alone (the overview's pixels) is not drawn again per keystroke.
const lastRows = new WeakMap<Int32Array, { rows: Int32Array; collapsed: Uint8Array; folded: Uint8Array | null; folds: PathFolds | null }>();

/** Collapse state is a set of span ids: it survives filtering and goes into URLs as it is. */
export function buildTimelineRows(view: TraceView, collapsedIds: ReadonlySet<string>, rowFolds: RowFolds | null = null): TimelineRows {
  const collapsed = new Uint8Array(view.size);
  for (const id of collapsedIds) {
    const i = findSpanIndex(view.trace, id);
    const v = i < 0 ? -1 : view.position[i]!;
    if (v >= 0 && hasViewChildren(view, v)) collapsed[v] = 1;
  }
  const folds = rowFolds && rowFolds.folds.count > 0 ? rowFolds.folds : null;
  const folded = folds ? readFolded(view, folds, rowFolds!.opened) : null;
  const last = lastRows.get(view.order);
  if (last && last.folds === folds && sameBytes(last.collapsed, collapsed) && sameFolded(last.folded, folded))
    return { view, count: last.rows.length, ...last };
  const all = new Int32Array(view.size);
  let count = 0;
  for (let v = 0; v < view.size;) {
    all[count++] = v;
    v = folded?.[v] ? folds!.end[v]! : collapsed[v] ? view.subtreeEnd[v]! : v + 1;
  }
  // Nothing collapsed (every row, each its own view position): one array per tree, so expanding
  // what was collapsed gives back the rows of before.
  let rows = count === view.size ? expandedRows.get(view.order) : undefined;
  if (!rows) rows = count === view.size ? all : all.slice(0, count);
  if (count === view.size) expandedRows.set(view.order, rows);
  lastRows.set(view.order, { rows, collapsed, folded, folds });
  return { view, count, rows, collapsed, folded, folds };
}

/** By view position: 1 where a fold starts that is not opened. */
function readFolded(view: TraceView, folds: PathFolds, opened: ReadonlySet<string>): Uint8Array {
  const folded = new Uint8Array(view.size);
  for (let v = 0; v < view.size; v++) if (folds.end[v]! > 0) folded[v] = 1;
  for (const id of opened) {
    const i = findSpanIndex(view.trace, id);
    const v = i < 0 ? -1 : view.position[i]!;
    if (v >= 0) folded[v] = 0;
  }
  return folded;
}

function sameFolded(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a === null || b === null ? a === b : sameBytes(a, b);
}

const expandedRows = new WeakMap<Int32Array, Int32Array>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export function readTimelineRow(rows: TimelineRows, row: number, axis: TimeAxis = traceAxis(rows.view.trace)): TimelineRow {
  if (!(row >= 0 && row < rows.count)) throw new RangeError(`no row ${row} (there are ${rows.count})`);
  const { view } = rows;
  const v = rows.rows[row]!;
  const spanIndex = view.order[v]!;
  return {
    row,
    spanIndex,
    viewPosition: v,
    depth: view.depth[v]!,
    hasChildren: hasViewChildren(view, v),
    collapsed: rows.collapsed[v] === 1,
    matches: view.matches !== null && view.matches[spanIndex] === 1,
    bar: computeBar(view.trace, spanIndex, axis),
    flags: view.trace.flags[spanIndex]!,
  };
}

/** The row showing the span at trace position `spanIndex`, or -1 when it is hidden or inside a collapsed subtree. */
export function findRow(rows: TimelineRows, spanIndex: number): number {
  const v = rows.view.position[spanIndex];
  if (v === undefined || v < 0) return -1;
  let lo = 0,
    hi = rows.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = rows.rows[mid]!;
    if (at === v) return mid;
    if (at < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The row of the nearest visible ancestor of a row (for keyboard "left"), or -1 at a root. */
export function findParentRow(rows: TimelineRows, row: number): number {
  const p = rows.view.parent[rows.rows[row]!]!;
  return p < 0 ? -1 : findRow(rows, rows.view.order[p]!);
}
