// Where the time of one trace went, per service, project, host and span type. Computed on a
// view: on a filtered view, a hidden span's time counts as its nearest kept ancestor's self time
// (hide DB spans and the DB time becomes its callers' own time); compute it on
// createTraceView(trace) for the unfiltered figures.
// In steps: every pass over the spans yields after each slice of them (runSteps, or the page's
// idle-time runner), so that a 1M-span view never holds the main thread for hundreds of ms.
import { stepCriticalPath } from "./computeCriticalPath";
import type { TraceView } from "./createTraceView";
import { SPANS_PER_STEP, stepOncePer, type Steps } from "./runSteps";
import { stepCriticalPathProjection } from "./stepCriticalPathProjection";
import { stepSelfTimes } from "./stepSelfTimes";
import { stepSort } from "./stepSort";
import { SpanFlag, type Trace } from "./types";

type BreakdownRow = {
  /** Unique within its breakdown. For services: project and service; otherwise the text itself. */
  key: string;
  /** What to show: the service, project, host or span type. */
  label: string;
  /** The project, for service rows (two projects may both call a service "api"). */
  project: string | null;
  count: number;
  errors: number;
  /** Spans with an inferred start or stop (see SpanFlag). */
  incomplete: number;
  /** Sum of the spans' durations (what OSprofiler's stats add up), microseconds. */
  totalUs: number;
  /** Sum of the spans' self times. */
  selfUs: number;
  /** Wall time during which at least one of these spans ran. */
  busyUs: number;
  /** Time on the trace's critical path (async tails included). */
  criticalUs: number;
  /**
   * Self time as a share of the self time of every span in the view. Not of the wall time:
   * parallel spans (twelve VMs spawning at once) have more self time together than the trace
   * lasted.
   */
  selfShare: number;
  /** Busy and critical-path time as shares of the trace's wall time. */
  busyShare: number;
  criticalShare: number;
};

export type Breakdown = { rows: BreakdownRow[] };

export type TraceBreakdowns = {
  /** First to last timestamp of the trace (not of the view). */
  wallUs: number;
  /** Critical-path time that no span covers: waits on something not traced. */
  untracedUs: number;
  /** Critical-path time that no span covers because host clocks disagree (CriticalGap.skew): not a wait. */
  skewUs: number;
  /** Critical-path time of hidden spans with no kept ancestor (a hidden service's root). */
  hiddenUs: number;
  spanCount: number;
  service: Breakdown;
  project: Breakdown;
  host: Breakdown;
  /** By span type (name): OSprofiler's stats, with self time and the rest. */
  name: Breakdown;
};

/** The breakdowns of a view, a slice of spans per step (computeBreakdowns: at once). */
export function* stepBreakdowns(view: TraceView): Steps<TraceBreakdowns> {
  const self = yield* stepSelfTimes(view);
  yield;
  // The page computes the path on its own too (once per trace): whichever run comes first fills it.
  const path = yield* stepCriticalPath(view.trace);
  yield;
  const critical = yield* stepCriticalPathProjection(view, path);
  yield;
  const wallUs = path.wallUs;
  const { trace } = view;
  let selfTotalUs = 0;
  for (let v = 0; v < view.size; v++) selfTotalUs += self[v]!;
  const group = (column: Int32Array, withProject: boolean): Steps<Breakdown> =>
    stepGroups(
      view,
      self,
      critical.byPosition,
      { wallUs, selfTotalUs },
      (i) => (withProject ? trace.project[i]! * trace.strings.length + column[i]! : column[i]!),
      (i) => ({
        key: withProject ? `${trace.strings[trace.project[i]!]}/${trace.strings[column[i]!]}` : trace.strings[column[i]!]!,
        label: trace.strings[column[i]!]!,
        project: withProject ? trace.strings[trace.project[i]!]! : null,
      }),
    );
  yield* stepStartOrder(trace);
  const service = yield* group(trace.service, true);
  const project = yield* group(trace.project, false);
  const host = yield* group(trace.host, false);
  const name = yield* group(trace.name, false);
  return {
    wallUs,
    untracedUs: path.waitUs,
    skewUs: path.skewUs,
    hiddenUs: critical.hiddenUs,
    spanCount: view.size,
    service,
    project,
    host,
    name,
  };
}

type Label = { key: string; label: string; project: string | null };

function* stepGroups(
  view: TraceView,
  self: Float64Array,
  critical: Float64Array,
  totals: { wallUs: number; selfTotalUs: number },
  groupKey: (spanIndex: number) => number,
  describe: (spanIndex: number) => Label,
): Steps<Breakdown> {
  const { trace, order } = view;
  const n = view.size;
  // Groups first (neighbouring spans mostly share one), then sums in typed arrays by group.
  const groupOf = new Int32Array(n);
  const ids = new Map<number, number>();
  const firstSpan: number[] = [];
  let lastKey = NaN,
    lastGroup = -1;
  for (let v = 0; v < n; v++) {
    if (v % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    const i = order[v]!;
    const key = groupKey(i);
    if (key !== lastKey) {
      let g = ids.get(key);
      if (g === undefined) {
        g = firstSpan.length;
        ids.set(key, g);
        firstSpan.push(i);
      }
      lastKey = key;
      lastGroup = g;
    }
    groupOf[v] = lastGroup;
  }

  const m = firstSpan.length;
  const count = new Int32Array(m),
    errors = new Int32Array(m),
    incomplete = new Int32Array(m);
  const totalUs = new Float64Array(m),
    selfUs = new Float64Array(m),
    criticalUs = new Float64Array(m),
    busyUs = new Float64Array(m);
  for (let v = 0; v < n; v++) {
    if (v % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    const i = order[v]!,
      g = groupOf[v]!,
      flags = trace.flags[i]!;
    count[g]!++;
    if (flags & SpanFlag.ERROR) errors[g]!++;
    if (flags & (SpanFlag.UNFINISHED | SpanFlag.NO_START)) incomplete[g]!++;
    totalUs[g]! += trace.stopUs[i]! - trace.startUs[i]!;
    selfUs[g]! += self[v]!;
    criticalUs[g]! += critical[v]!;
  }

  // Busy time: the union of each group's intervals, swept in start order with one reach per group.
  const reach = new Float64Array(m).fill(-Infinity);
  const sorted = startOrders.get(trace)!;
  for (let k = 0; k < sorted.length; k++) {
    if (k % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    const i = sorted[k]!;
    const v = view.position[i]!;
    if (v < 0) continue;
    const g = groupOf[v]!,
      s = trace.startUs[i]!,
      e = trace.stopUs[i]!;
    if (e <= reach[g]!) continue;
    busyUs[g]! += e - Math.max(s, reach[g]!);
    reach[g] = e;
  }

  yield;
  const rows: BreakdownRow[] = firstSpan.map((i, g) => ({
    ...describe(i),
    count: count[g]!,
    errors: errors[g]!,
    incomplete: incomplete[g]!,
    totalUs: totalUs[g]!,
    selfUs: selfUs[g]!,
    busyUs: busyUs[g]!,
    criticalUs: criticalUs[g]!,
    selfShare: share(selfUs[g]!, totals.selfTotalUs),
    busyShare: share(busyUs[g]!, totals.wallUs),
    criticalShare: share(criticalUs[g]!, totals.wallUs),
  }));
  rows.sort((a, b) => b.selfUs - a.selfUs || b.totalUs - a.totalUs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows };
}

const startOrders = new WeakMap<Trace, Int32Array>();

/**
 * The trace's span positions by start time, sorted once per trace: every view and grouping
 * sweeps it (skipping hidden spans) instead of sorting its own spans again, so a filter change
 * costs passes over the spans, not sorts (a sort per grouping was most of the 10-150 ms). In
 * steps too (stepSort).
 */
function stepStartOrder(trace: Trace): Steps<Int32Array> {
  return stepOncePer(startOrders, trace, () => stepSortByStart(trace));
}

function* stepSortByStart(trace: Trace): Steps<Int32Array> {
  const starts = trace.startUs;
  const n = trace.size;
  const sorted = new Int32Array(n);
  let inOrder = true;
  for (let i = 0; i < n; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    sorted[i] = i;
    if (i > 0 && starts[i]! < starts[i - 1]!) inOrder = false;
  }
  // Ties in position order, as a stable sort leaves them.
  if (!inOrder) yield* stepSort(sorted, (a, b) => starts[a]! - starts[b]! || a - b);
  return sorted;
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
