// Where the time of one trace went, per service, project, host and span type. Computed on a
// view: on a filtered view, a hidden span's time counts as its nearest kept ancestor's self time
// (hide DB spans and the DB time becomes its callers' own time); compute it on
// createTraceView(trace) for the unfiltered figures.
import { computeCriticalPath } from "./computeCriticalPath";
import { computeSelfTimes } from "./computeSelfTimes";
import type { TraceView } from "./createTraceView";
import { SpanFlag } from "./types";

export type BreakdownRow = {
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
  /** Time on the trace's critical path. */
  criticalUs: number;
  /** The three above as fractions of the trace's wall time. */
  selfShare: number;
  busyShare: number;
  criticalShare: number;
};

export type Breakdown = { rows: BreakdownRow[] };

export type TraceBreakdowns = {
  /** First to last timestamp of the trace (not of the view). */
  wallUs: number;
  /** Critical-path time covered by no span of the view. */
  unattributedUs: number;
  spanCount: number;
  service: Breakdown;
  project: Breakdown;
  host: Breakdown;
  /** By span type (name): OSprofiler's stats, with self time and the rest. */
  name: Breakdown;
};

export function computeBreakdowns(view: TraceView): TraceBreakdowns {
  const self = computeSelfTimes(view);
  const critical = computeCriticalPath(view);
  const wallUs = view.trace.finishedUs - view.trace.startedUs;
  const { trace } = view;
  const group = (column: Int32Array, withProject: boolean): Breakdown =>
    groupBy(view, self, critical.byPosition, wallUs, (i) => (withProject ? trace.project[i]! * trace.strings.length + column[i]! : column[i]!), (i) => ({
      key: withProject ? `${trace.strings[trace.project[i]!]}/${trace.strings[column[i]!]}` : trace.strings[column[i]!]!,
      label: trace.strings[column[i]!]!,
      project: withProject ? trace.strings[trace.project[i]!]! : null,
    }));
  return {
    wallUs,
    unattributedUs: critical.unattributedUs,
    spanCount: view.size,
    service: group(trace.service, true),
    project: group(trace.project, false),
    host: group(trace.host, false),
    name: group(trace.name, false),
  };
}

type Label = { key: string; label: string; project: string | null };

function groupBy(view: TraceView, self: Float64Array, critical: Float64Array, wallUs: number, groupKey: (spanIndex: number) => number, describe: (spanIndex: number) => Label): Breakdown {
  const { trace, order } = view;
  const n = view.size;
  const groupOf = new Int32Array(n);
  const ids = new Map<number, number>();
  const rows: BreakdownRow[] = [];
  for (let v = 0; v < n; v++) {
    const i = order[v]!;
    const key = groupKey(i);
    let g = ids.get(key);
    if (g === undefined) {
      g = rows.length;
      ids.set(key, g);
      rows.push({ ...describe(i), count: 0, errors: 0, incomplete: 0, totalUs: 0, selfUs: 0, busyUs: 0, criticalUs: 0, selfShare: 0, busyShare: 0, criticalShare: 0 });
    }
    groupOf[v] = g;
    const row = rows[g]!;
    const flags = trace.flags[i]!;
    row.count++;
    if (flags & SpanFlag.ERROR) row.errors++;
    if (flags & (SpanFlag.UNFINISHED | SpanFlag.NO_START)) row.incomplete++;
    row.totalUs += trace.stopUs[i]! - trace.startUs[i]!;
    row.selfUs += self[v]!;
    row.criticalUs += critical[v]!;
  }

  // Busy time: the union of each group's intervals, from one sort by (group, start).
  const byGroup = Int32Array.from({ length: n }, (_, v) => v).sort((a, b) => groupOf[a]! - groupOf[b]! || trace.startUs[order[a]!]! - trace.startUs[order[b]!]!);
  let reach = -Infinity, current = -1;
  for (const v of byGroup) {
    const g = groupOf[v]!, s = trace.startUs[order[v]!]!, e = trace.stopUs[order[v]!]!;
    if (g !== current) {
      current = g;
      reach = -Infinity;
    }
    if (e <= reach) continue;
    rows[g]!.busyUs += e - Math.max(s, reach);
    reach = e;
  }

  for (const row of rows) {
    row.selfShare = share(row.selfUs, wallUs);
    row.busyShare = share(row.busyUs, wallUs);
    row.criticalShare = share(row.criticalUs, wallUs);
  }
  rows.sort((a, b) => b.selfUs - a.selfUs || b.totalUs - a.totalUs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows };
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
