// Per DB call: the view's db spans grouped by statement shape (normalizeSql), with the N+1
// pattern (one statement run again and again under the same caller) and the slowest calls.
import { DB_SPAN_NAMES, type TraceView } from "./createTraceView";
import { normalizeSql } from "./normalizeSql";
import { runSteps, SPANS_PER_STEP, type Steps } from "./runSteps";
import { stepSort } from "./stepSort";
import { SpanFlag } from "./types";

type DbStatementGroup = {
  /** The normalized statement; "" for db spans that carried no statement. */
  statement: string;
  /** The first statement of the group as it was received. */
  example: string | null;
  count: number;
  errors: number;
  totalUs: number;
  meanUs: number;
  maxUs: number;
  /** Trace positions of the spans, in tree order. */
  spans: number[];
  /** Most runs of this statement under one parent span. */
  maxRepeats: number;
  /** Parents (trace positions, -1 for top level) under which it ran at least `nPlusOneThreshold` times. */
  repeatedUnder: { parent: number; count: number }[];
  nPlusOne: boolean;
};

export type DbBreakdown = {
  count: number;
  totalUs: number;
  /** Share of the trace's wall time spent in DB calls (their union, so parallel calls are not counted twice). */
  wallShare: number;
  /** Slowest total first. */
  groups: DbStatementGroup[];
  /** The slowest single calls: trace position, duration, and the index of their group in `groups`. */
  slowest: { span: number; durationUs: number; group: number }[];
  nPlusOneThreshold: number;
};

export type DbBreakdownOptions = {
  /** Runs under one parent from which a statement is flagged as N+1. */
  nPlusOneThreshold?: number;
  /** How many single calls `slowest` lists. */
  slowestCount?: number;
};

export function computeDbBreakdown(view: TraceView, options: DbBreakdownOptions = {}): DbBreakdown {
  return runSteps(stepDbBreakdown(view, options));
}

/** computeDbBreakdown a slice of spans per step (a 1M-span trace has ~200k DB calls). */
export function* stepDbBreakdown(view: TraceView, options: DbBreakdownOptions = {}): Steps<DbBreakdown> {
  const { nPlusOneThreshold = 3, slowestCount = 10 } = options;
  const { trace, order } = view;
  const dbNames = new Set<number>();
  trace.strings.forEach((s, i) => DB_SPAN_NAMES.has(s) && dbNames.add(i));

  // Statements are interned, so each distinct text is normalized once.
  const shapeOf = new Map<number, string>();
  const groupOf = new Map<string, DbStatementGroup>();
  const repeats = new Map<DbStatementGroup, Map<number, number>>();
  const calls: { span: number; durationUs: number; group: DbStatementGroup }[] = [];
  const starts: number[] = [],
    stops: number[] = [];
  let totalUs = 0;
  for (let v = 0; v < view.size; v++) {
    if (v % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    const i = order[v]!;
    if (!dbNames.has(trace.name[i]!)) continue;
    const d = trace.detail[i]!;
    let shape = shapeOf.get(d);
    if (shape === undefined) {
      // A statement clipped for the browser groups by the shape of its whole text, carried beside it.
      shape = d < 0 ? "" : (trace.clippedTexts?.get(trace.strings[d]!)?.shape ?? normalizeSql(trace.strings[d]!));
      shapeOf.set(d, shape);
    }
    let group = groupOf.get(shape);
    if (!group) {
      group = {
        statement: shape,
        example: d < 0 ? null : trace.strings[d]!,
        count: 0,
        errors: 0,
        totalUs: 0,
        meanUs: 0,
        maxUs: 0,
        spans: [],
        maxRepeats: 0,
        repeatedUnder: [],
        nPlusOne: false,
      };
      groupOf.set(shape, group);
      repeats.set(group, new Map());
    }
    const durationUs = trace.stopUs[i]! - trace.startUs[i]!;
    group.count++;
    if (trace.flags[i]! & SpanFlag.ERROR) group.errors++;
    group.totalUs += durationUs;
    if (durationUs > group.maxUs) group.maxUs = durationUs;
    group.spans.push(i);
    const under = repeats.get(group)!;
    under.set(trace.parent[i]!, (under.get(trace.parent[i]!) ?? 0) + 1);
    calls.push({ span: i, durationUs, group });
    starts.push(trace.startUs[i]!);
    stops.push(trace.stopUs[i]!);
    totalUs += durationUs;
  }

  yield;
  const groups = [...groupOf.values()];
  for (const group of groups) {
    if (group.count >= SPANS_PER_STEP) yield;
    group.meanUs = group.totalUs / group.count;
    for (const [parent, count] of repeats.get(group)!) {
      if (count > group.maxRepeats) group.maxRepeats = count;
      if (count >= nPlusOneThreshold) group.repeatedUnder.push({ parent, count });
    }
    group.nPlusOne = group.repeatedUnder.length > 0;
  }
  groups.sort((a, b) => b.totalUs - a.totalUs || b.count - a.count || (a.statement < b.statement ? -1 : 1));
  const indexOf = new Map(groups.map((g, k) => [g, k]));
  // The few slowest calls, picked in one pass (what sorting every call and keeping the first gave).
  const slower = (a: (typeof calls)[number], b: (typeof calls)[number]) => b.durationUs - a.durationUs || a.span - b.span;
  const top: typeof calls = [];
  for (let k = 0; k < calls.length; k++) {
    if (k % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    const call = calls[k]!;
    if (top.length >= slowestCount && (slowestCount === 0 || slower(call, top[top.length - 1]!) >= 0)) continue;
    top.push(call);
    top.sort(slower);
    if (top.length > slowestCount) top.pop();
  }
  const slowest = top.map((c) => ({ span: c.span, durationUs: c.durationUs, group: indexOf.get(c.group)! }));

  const wallUs = trace.finishedUs - trace.startedUs;
  const union = yield* stepUnionLength(starts, stops);
  return { count: calls.length, totalUs, wallShare: wallUs > 0 ? union / wallUs : 0, groups, slowest, nPlusOneThreshold };
}

function* stepUnionLength(starts: number[], stops: number[]): Steps<number> {
  const byStart = new Int32Array(starts.length);
  for (let k = 0; k < byStart.length; k++) {
    if (k % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    byStart[k] = k;
  }
  yield* stepSort(byStart, (a, b) => starts[a]! - starts[b]! || a - b);
  let length = 0,
    reach = -Infinity;
  for (let k = 0; k < byStart.length; k++) {
    if (k % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    const s = starts[byStart[k]!]!,
      e = stops[byStart[k]!]!;
    if (e <= reach) continue;
    length += e - Math.max(s, reach);
    reach = e;
  }
  return length;
}
