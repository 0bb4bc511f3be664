// "Critical path only" keeps every span on the path in tree order, so a server create opens with
// dozens of sub-millisecond API statements (on the path, one after another) while the seconds of
// conductor and compute work sit far below the first screen. A fold is a run of consecutive
// siblings in the view whose subtrees together carry under FOLD_SHARE of the trace's wall time
// on the path: the timeline shows it as one row ("38 spans, 4.1 ms of the path") that opens on
// click. One pass over the trace (prefix sums of the path) and one over the view; runs inside
// runs are folds too, shown once the outer one is opened.
import type { CriticalPath, PathTimes } from "./computeCriticalPath";
import type { TraceView } from "./createTraceView";

/** The most of the trace's wall time a fold may carry on the path. */
const FOLD_SHARE = 0.01;
/** Fewer rows than this are shown as they are: a fold row would save next to nothing. */
const MIN_FOLD_ROWS = 3;

export type PathFolds = {
  /** By view position: the exclusive end (a view position) of the fold starting there, 0 when none starts there. */
  end: Int32Array;
  /** By view position: the path time of the fold starting there, in microseconds. */
  pathUs: Float64Array;
  /** By view position: the start of the outermost fold holding it, -1 when in none. */
  within: Int32Array;
  count: number;
};

// Per view tree (views of one tree share its order array): a search keystroke under "critical
// path only" makes a new view over the same tree, and finds the same folds.
const lastFolds = new WeakMap<Int32Array, { path: PathTimes; share: number; folds: PathFolds }>();

export function findPathFolds(view: TraceView, path: PathTimes, share = FOLD_SHARE): PathFolds {
  const last = lastFolds.get(view.order);
  if (last?.path === path && last.share === share) return last.folds;
  const folds = computeFolds(view, path, share);
  lastFolds.set(view.order, { path, share, folds });
  return folds;
}

/** The starts of the folds holding view position `v`, outermost first (what opening it needs opened). */
export function listFoldsHolding(folds: PathFolds, v: number): number[] {
  const outer = folds.within[v] ?? -1;
  if (outer < 0) return [];
  const out: number[] = [];
  for (let s = outer; s <= v; s++) if (folds.end[s]! > v) out.push(s);
  return out;
}

/** The trace positions [first, end) a fold stands for: its spans' subtrees, and the hidden spans up to the next span in the view. */
export function readFoldSpans(view: TraceView, folds: PathFolds, v: number): { first: number; end: number } {
  const foldEnd = folds.end[v]!;
  return { first: view.order[v]!, end: foldEnd < view.size ? view.order[foldEnd]! : view.trace.size };
}

/**
 * Where the path runs through the trace positions [first, end): from the start of its first
 * piece there to the end of its last (the path is in time order, so by segment index), null
 * when it does not. What a fold row's extent shows: the time its spans carry the path over, not
 * their whole subtrees' (a cast among the API's statements carries microseconds of the path,
 * while the work it started runs for seconds beside it).
 */
export function measurePathWithin(path: CriticalPath, first: number, end: number): { fromUs: number; toUs: number } | null {
  const from = path.firstSegment[first]!,
    to = path.firstSegment[end]!;
  if (to <= from) return null;
  let lo = Infinity,
    hi = -Infinity;
  for (let k = from; k < to; k++) {
    const seg = path.bySpanSegments[k]!;
    if (seg < lo) lo = seg;
    if (seg > hi) hi = seg;
  }
  return { fromUs: path.segmentFromUs[lo]!, toUs: path.segmentToUs[hi]! };
}

function computeFolds(view: TraceView, path: PathTimes, share: number): PathFolds {
  const { trace } = view;
  const prefix = readPathPrefix(path);
  const limitUs = path.wallUs * share;
  const end = new Int32Array(view.size);
  const pathUs = new Float64Array(view.size);
  const within = new Int32Array(view.size).fill(-1);
  let count = 0;
  // Path time of the trace positions [from, to): what hidden spans in the range carried counts too.
  const usOf = (from: number, to: number) => prefix[to]! - prefix[from]!;

  const foldChildren = (first: number, stop: number) => {
    let runStart = -1,
      runRows = 0,
      runUs = 0;
    const close = (runEnd: number) => {
      if (runStart >= 0 && runRows >= MIN_FOLD_ROWS) {
        end[runStart] = runEnd;
        pathUs[runStart] = runUs;
        count++;
      }
      runStart = -1;
      runRows = 0;
      runUs = 0;
    };
    for (let c = first; c < stop; c = view.subtreeEnd[c]!) {
      const i = view.order[c]!;
      const us = usOf(i, trace.subtreeEnd[i]!);
      if (us >= limitUs || runUs + us >= limitUs) close(c);
      if (us >= limitUs) continue;
      if (runStart < 0) runStart = c;
      runRows++;
      runUs += us;
    }
    close(stop);
  };

  foldChildren(0, view.size);
  for (let v = 0; v < view.size; v++) if (view.subtreeEnd[v]! > v + 1) foldChildren(v + 1, view.subtreeEnd[v]!);
  // Outermost first: a fold's start precedes every fold inside it, which is then skipped.
  for (let v = 0; v < view.size; v++) {
    if (end[v] === 0 || within[v]! >= 0) continue;
    for (let k = v; k < end[v]!; k++) within[k] = v;
  }
  return { end, pathUs, within, count };
}

const prefixes = new WeakMap<PathTimes, Float64Array>();

/** prefix[i] = path time of the trace positions before i (pre-order): a subtree's is one difference. */
function readPathPrefix(path: PathTimes): Float64Array {
  let prefix = prefixes.get(path);
  if (!prefix) {
    const n = path.bySpan.length;
    prefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + path.bySpan[i]!;
    prefixes.set(path, prefix);
  }
  return prefix;
}
