// Critical path: walking back from the end of the trace, which span the request was waiting on
// at each instant. OpenStack's important requests are asynchronous (an RPC cast returns at once
// and its server side runs later, often for seconds), so a span is followed over its whole
// subtree extent, async tails included, not only over its own interval: the path runs from the
// API request through the cast into conductor, scheduler and compute. After a span ended (its
// async tail), the child whose subtree finished last (before the current point) is followed;
// while the span itself still ran, the child whose own interval ended last is: a caller that
// cast and went on was not waiting for what the cast started, so an earlier cast's work is
// parallel to the caller's own, not on the path. Children running in parallel with the followed
// one do not count. Time in a span's own interval that no followed child covers is the span's
// own. Time after a span ended and before the async child it is followed into began is a gap:
// the request waited on something not traced (a queue, a thread pool, untraced code). Time
// before a span's own start that its subtree covers (a callee on a host whose clock differs) is
// a gap marked skew. Spans' parts and gaps sum to the trace's wall time exactly. Iterative, so
// any depth works; computed once per trace and shared by every view (see projectCriticalPath).
import { runSteps, SPANS_PER_STEP, stepOncePer, type Steps } from "./runSteps";
import { stepSort } from "./stepSort";
import { SpanFlag, type Trace } from "./types";

export type CriticalGap = {
  fromUs: number;
  toUs: number;
  /** The span whose async tail holds the gap, or -1 when it lies between the trace's roots. */
  within: number;
  /** The spans on the path just before and just after the gap, -1 at the trace's edges. */
  before: number;
  after: number;
  /**
   * True when the gap lies before its span's own start although part of the span's subtree ran
   * then: on another host's clock a callee started before its caller. Not a wait: clock skew.
   */
  skew: boolean;
};

export type CriticalPath = {
  trace: Trace;
  /** First to last timestamp of the trace: what the parts sum to. */
  wallUs: number;
  /** Microseconds on the path, by span position. */
  bySpan: Float64Array;
  /** The path in time order: the span of each segment (-1 for a gap) and its interval. */
  segmentSpan: Int32Array;
  segmentFromUs: Float64Array;
  segmentToUs: Float64Array;
  /**
   * Segments by span position: those of span i are bySpanSegments[firstSegment[i] ..
   * firstSegment[i + 1]) (indices into the arrays above, in time order). A subtree is a range of
   * positions in pre-order, so its segments are one range too.
   */
  firstSegment: Int32Array;
  bySpanSegments: Int32Array;
  /** Path time no span covers, in time order, adjacent pieces merged. */
  gaps: CriticalGap[];
  gapUs: number;
  /** The part of gapUs that is clock skew (CriticalGap.skew), not a wait. */
  skewUs: number;
  /** The rest of gapUs: waits on something not traced (a queue, a thread pool, untraced code). */
  waitUs: number;
};

/**
 * What "critical path only" and its folds read of a path (createTraceView, findPathFolds): the
 * time on it by span, and the wall time a fold's share is of. A trace's own path is one; so is
 * two compared traces' paths over their aligned rows (alignCriticalPaths).
 */
export type PathTimes = Pick<CriticalPath, "bySpan" | "wallUs">;

const cache = new WeakMap<Trace, CriticalPath>();

export function computeCriticalPath(trace: Trace): CriticalPath {
  return runSteps(stepCriticalPath(trace));
}

/**
 * computeCriticalPath a slice of spans per step (at 1M spans the whole walk is one task of
 * hundreds of ms in a browser). Runs that overlap (the page's own and the breakdowns') keep the
 * first result finished, so every caller shares one path per trace.
 */
export function stepCriticalPath(trace: Trace): Steps<CriticalPath> {
  return stepOncePer(cache, trace, () => walkCriticalPath(trace));
}

function* walkCriticalPath(trace: Trace): Steps<CriticalPath> {
  const n = trace.size;
  const root = n; // a virtual span over the whole trace, parent of the roots, with no own time
  const ownStart = new Float64Array(n + 1),
    ownStop = new Float64Array(n + 1);
  const effStart = new Float64Array(n + 1),
    effStop = new Float64Array(n + 1);
  const noStart = new Uint8Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    noStart[i] = trace.flags[i]! & SpanFlag.NO_START ? 1 : 0;
    ownStart[i] = trace.startUs[i]!;
    ownStop[i] = Math.max(trace.startUs[i]!, trace.stopUs[i]!); // a negative duration is skew, not time
    effStart[i] = Math.min(trace.subtreeStartUs[i]!, ownStart[i]!);
    effStop[i] = Math.max(trace.subtreeStopUs[i]!, ownStop[i]!);
  }
  ownStart[root] = ownStop[root] = -Infinity; // no time of its own: all it holds uncovered is a gap
  effStart[root] = trace.startedUs;
  effStop[root] = trace.finishedUs;

  const { first, children } = yield* childrenByLatestEnd(trace, effStart, effStop, effStop);
  const { children: childrenByOwnEnd } = yield* childrenByLatestEnd(trace, effStart, effStop, ownStop);

  // The walk (most of the work) is an ordinary function called a slice at a time, kept out of the
  // generator: the hot loop stays plain code for V8 to optimize, as in the unsliced walk.
  const walk = createWalk(n, ownStart, ownStop, effStart, effStop, first, children, childrenByOwnEnd, noStart);
  while (!walk.run(SPANS_PER_STEP)) yield;
  const { pieceSpan, pieceWithin, pieceFrom, pieceTo } = walk;
  yield;
  pieceSpan.reverse();
  pieceWithin.reverse();
  yield;
  pieceFrom.reverse();
  pieceTo.reverse();
  return yield* assemble(trace, pieceSpan, pieceWithin, pieceFrom, pieceTo);
}

type Walk = { run(budget: number): boolean; pieceSpan: number[]; pieceWithin: number[]; pieceFrom: number[]; pieceTo: number[] };

/** The walk back from the trace's end, as a function that walks on for a budget of frames per call. */
function createWalk(
  n: number,
  ownStart: Float64Array,
  ownStop: Float64Array,
  effStart: Float64Array,
  effStop: Float64Array,
  first: Int32Array,
  children: Int32Array,
  childrenByOwnEnd: Int32Array,
  noStart: Uint8Array,
): Walk {
  const root = n;
  // Pieces come out walking backwards in time; reversed at the end.
  const pieceSpan: number[] = [],
    pieceFrom: number[] = [],
    pieceTo: number[] = [],
    pieceWithin: number[] = [];
  const emit = (span: number, within: number, from: number, to: number) => {
    if (!(to > from)) return;
    pieceSpan.push(span);
    pieceWithin.push(within);
    pieceFrom.push(from);
    pieceTo.push(to);
  };

  // The stack of spans being walked (frame 0 is the virtual root). up[f]: the nearest frame
  // below f whose span's own interval ends later than frame f's (-1 for none), so the deepest
  // ancestor still running at a time after f's span ended is found by following up[].
  const node = new Int32Array(n + 1),
    next = new Int32Array(n + 1),
    up = new Int32Array(n + 1);
  const cursor = new Float64Array(n + 1),
    floor = new Float64Array(n + 1);
  const followedLater = new Uint8Array(n + 1);
  // inOwn[f]: the frame's point is inside its span's own interval (the span still ran): its
  // children are then taken by their own ends (childrenByOwnEnd), never by their async tails.
  // The point only moves back, so a frame switches once, from the tail to its own interval.
  const inOwn = new Uint8Array(n + 1);
  const push = (f: number, u: number, at: number, low: number) => {
    node[f] = u;
    next[f] = first[u]!;
    inOwn[f] = at <= ownStop[u]! ? 1 : 0;
    cursor[f] = at;
    floor[f] = low;
    followedLater[f] = 0;
    let g = f - 1;
    while (g >= 0 && ownStop[node[g]!]! <= ownStop[u]!) g = up[g]!;
    up[f] = g;
  };

  /**
   * Time after span u's own end, in its window. Before a followed child of u, it is the wait
   * for that child to start (a cast in a queue): a gap. At the top of the window (u was
   * followed only up to a later sibling's start), it belongs to whichever ancestor was running.
   */
  const emitTail = (f: number, from: number, to: number) => {
    const u = node[f]!;
    if (followedLater[f] || !(to > from)) {
      emit(-1, u, from, to);
      return;
    }
    const pieces: number[] = []; // [span, from, to] triples in time order
    let lo = from;
    for (let g = up[f]!; lo < to; g = g < 0 ? g : up[g]!) {
      if (g < 0) {
        pieces.push(-1, lo, to);
        break;
      }
      const a = node[g]!;
      if (ownStop[a]! <= lo) continue;
      const hi = Math.min(to, ownStop[a]!);
      if (ownStart[a]! > lo) pieces.push(-1, lo, Math.min(hi, ownStart[a]!));
      if (ownStart[a]! < hi) pieces.push(a, Math.max(lo, ownStart[a]!), hi);
      lo = hi;
    }
    for (let k = pieces.length - 3; k >= 0; k -= 3) emit(pieces[k]!, pieces[k]! < 0 ? u : pieces[k]!, pieces[k + 1]!, pieces[k + 2]!);
  };

  /** [from, to] of frame f's window with nothing followed in it: the span's own where it ran. */
  const emitUncovered = (f: number, from: number, to: number) => {
    const u = node[f]!;
    const within = u === root ? -1 : u;
    if (u === root) {
      emit(-1, within, from, to);
      return;
    }
    emitTail(f, Math.max(from, ownStop[u]!), to);
    emit(u, u, Math.max(from, ownStart[u]!), Math.min(to, ownStop[u]!));
    // Its subtree began before it: clock skew (-2), unless its start is only inferred.
    emit(noStart[u] ? -1 : -2, within, from, Math.min(to, ownStart[u]!));
  };

  push(0, root, effStop[root]!, effStart[root]!);
  let top = 1;
  /** Walks on for up to `budget` frames; true once the walk is over. */
  const run = (budget: number): boolean => {
    for (let visits = 0; top > 0 && visits < budget; visits++) {
      const f = top - 1;
      const u = node[f]!,
        at = cursor[f]!,
        low = floor[f]!;
      if (!inOwn[f] && at <= ownStop[u]!) {
        inOwn[f] = 1;
        next[f] = first[u]!;
      }
      const own = inOwn[f] === 1;
      const list = own ? childrenByOwnEnd : children,
        stop = own ? ownStop : effStop;
      let k = next[f]!,
        found = -1;
      for (const end = first[u + 1]!; k < end;) {
        const v = list[k++]!;
        if (stop[v]! <= low) {
          k = end;
          break;
        } // this and every later child ended before the window
        if (effStart[v]! < at) {
          found = v;
          break;
        } // else it began after the point reached: never again
      }
      next[f] = k;
      if (found < 0) {
        emitUncovered(f, low, at);
        top--;
        continue;
      }
      const childEnd = Math.min(stop[found]!, at);
      const childFloor = Math.max(effStart[found]!, low);
      emitUncovered(f, childEnd, at);
      cursor[f] = childFloor;
      followedLater[f] = 1;
      push(top, found, childEnd, childFloor);
      top++;
    }
    return top === 0;
  };
  return { run, pieceSpan, pieceWithin, pieceFrom, pieceTo };
}

/** Children of each span (and of the virtual root at n) as one flat array, latest `end` first (a subtree's or a span's own). */
function* childrenByLatestEnd(
  trace: Trace,
  effStart: Float64Array,
  effStop: Float64Array,
  end: Float64Array,
): Steps<{ first: Int32Array; children: Int32Array }> {
  const n = trace.size;
  const parentOf = (i: number) => (trace.parent[i]! < 0 ? n : trace.parent[i]!);
  const first = new Int32Array(n + 2);
  for (let i = 0; i < n; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    first[parentOf(i) + 1]!++;
  }
  for (let u = 0; u <= n; u++) {
    if (u % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    first[u + 1]! += first[u]!;
  }
  const fill = first.slice(0, n + 1);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    children[fill[parentOf(i)]!++] = i;
  }
  const latestEndFirst = (a: number, b: number) => end[b]! - end[a]! || effStop[b]! - effStop[a]! || effStart[b]! - effStart[a]! || a - b;
  let sorted = 0;
  for (let u = 0; u <= n; u++) {
    if (u % (4 * SPANS_PER_STEP) === 4 * SPANS_PER_STEP - 1) yield;
    const count = first[u + 1]! - first[u]!;
    if (count <= 1) continue;
    // Many small families (a nested trace) a slice of children per step; one huge family (a
    // wide trace's 100k calls under one span) sorted in steps of its own.
    if (count > SPANS_PER_STEP) yield* stepSort(children.subarray(first[u]!, first[u + 1]!), latestEndFirst);
    else children.subarray(first[u]!, first[u + 1]!).sort(latestEndFirst);
    sorted += count;
    if (sorted >= SPANS_PER_STEP) {
      sorted = 0;
      yield;
    }
  }
  return { first, children };
}

function* assemble(trace: Trace, span: number[], within: number[], from: number[], to: number[]): Steps<CriticalPath> {
  const n = trace.size;
  const bySpan = new Float64Array(n);
  const segSpan: number[] = [],
    segFrom: number[] = [],
    segTo: number[] = [];
  const gaps: CriticalGap[] = [];
  let gapUs = 0,
    skewUs = 0;
  let lastPiece = 0; // the last segment's piece: a span, -1 a gap, -2 a skew gap (a gap in segmentSpan)
  // Pieces [from, to) into segments; an ordinary function called per slice, as the walk is.
  const merge = (from_: number, to_: number) => {
    for (let k = from_; k < to_; k++) {
      const piece = span[k]!,
        s = piece < 0 ? -1 : piece,
        a = from[k]!,
        b = to[k]!;
      const last = segSpan.length - 1;
      if (s >= 0) bySpan[s]! += b - a;
      else gapUs += b - a;
      if (piece === -2) skewUs += b - a;
      // A span cut into pieces by nothing in between (or two adjacent gaps of a kind) is one segment.
      if (last >= 0 && lastPiece === piece && segTo[last] === a) {
        segTo[last] = b;
        if (s < 0) {
          const gap = gaps[gaps.length - 1]!;
          gap.toUs = b;
          if (gap.within < 0) gap.within = within[k]!;
        }
        continue;
      }
      if (s < 0)
        gaps.push({ fromUs: a, toUs: b, within: within[k]!, before: last >= 0 ? segSpan[last]! : -1, after: -1, skew: piece === -2 });
      else if (last >= 0 && segSpan[last] === -1) gaps[gaps.length - 1]!.after = s;
      lastPiece = piece;
      segSpan.push(s);
      segFrom.push(a);
      segTo.push(b);
    }
  };
  for (let k = 0; k < span.length; k += SPANS_PER_STEP) {
    if (k > 0) yield;
    merge(k, Math.min(span.length, k + SPANS_PER_STEP));
  }

  const count = segSpan.length;
  const firstSegment = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) {
    if (k % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    if (segSpan[k]! >= 0) firstSegment[segSpan[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    firstSegment[i + 1]! += firstSegment[i]!;
  }
  const fill = firstSegment.slice(0, n);
  const bySpanSegments = new Int32Array(firstSegment[n]!);
  for (let k = 0; k < count; k++) {
    if (k % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    if (segSpan[k]! >= 0) bySpanSegments[fill[segSpan[k]!]!++] = k;
  }
  yield;
  const segmentSpan = Int32Array.from(segSpan);
  yield;
  const segmentFromUs = Float64Array.from(segFrom);
  yield;
  const segmentToUs = Float64Array.from(segTo);
  yield;

  return {
    trace,
    wallUs: trace.finishedUs - trace.startedUs,
    bySpan,
    segmentSpan,
    segmentFromUs,
    segmentToUs,
    firstSegment,
    bySpanSegments,
    gaps,
    gapUs,
    skewUs,
    waitUs: gapUs - skewUs,
  };
}
