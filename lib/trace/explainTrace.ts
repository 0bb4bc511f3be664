// "Why was this slow?" in a few ranked findings, built from the critical path (async tails
// included), the spans' own times and their types: how long the API took to answer against how
// long the work went on, which services the end-to-end time went to and in which calls, the
// waits no span covers, SQL, errors and where an unfinished request stopped. Each finding
// carries the spans it is about (to highlight) and the one to show first. Facts only: the
// wording is lib/ui's (describeFinding).
import { stepCriticalPath, type CriticalGap } from "./computeCriticalPath";
import { stepDbBreakdown, type DbBreakdown } from "./computeDbBreakdown";
import { createTraceView, DB_SPAN_NAMES } from "./createTraceView";
import { labelCall } from "./labelCall";
import { runSteps, SPANS_PER_STEP, type Steps } from "./runSteps";
import { summarizeTrace } from "./summarizeTrace";
import { SpanFlag, type Trace } from "./types";

/** Calls of one kind (same service and label) across the whole trace. */
export type CallGroup = { label: string; count: number; minUs: number; maxUs: number; criticalUs: number };

type FindingFacts =
  /** The root request answered long before the work it started was done. */
  | { kind: "answer"; root: number; answeredUs: number; workUs: number; workUnfinished: boolean }
  /** A service's share of the end-to-end time, and the calls it went to. */
  | { kind: "service"; project: string; service: string; criticalUs: number; share: number; calls: CallGroup[] }
  /** Path time no span covers. */
  | { kind: "untraced"; totalUs: number; share: number; count: number; longest: CriticalGap }
  | {
      kind: "sql";
      count: number;
      totalUs: number;
      criticalUs: number;
      share: number;
      nPlusOne: { statement: string; count: number; parent: number } | null;
    }
  | { kind: "errors"; count: number; first: number }
  | { kind: "unfinished"; count: number; lastStarted: number };

export type TraceFinding = FindingFacts & {
  /** Trace positions of the spans the finding is about. */
  spans: number[];
  /** The span to bring into view first. */
  focus: number;
  /** Ranks findings: end-to-end time explained, in microseconds. */
  weightUs: number;
};

export type ExplainOptions = {
  /** At most this many findings (the "answer" one included). */
  limit?: number;
  /** A service finding needs this share of the wall time. */
  minServiceShare?: number;
  /** The whole trace's DB breakdown, when the caller has it already (it costs a pass with SQL normalization). */
  db?: DbBreakdown;
};

export function explainTrace(trace: Trace, options: ExplainOptions = {}): TraceFinding[] {
  return runSteps(stepExplainTrace(trace, options));
}

/** explainTrace a slice of spans per step: at 1M spans its passes are hundreds of ms in a browser. */
export function* stepExplainTrace(trace: Trace, options: ExplainOptions = {}): Steps<TraceFinding[]> {
  const { limit = 5, minServiceShare = 0.1 } = options;
  const path = yield* stepCriticalPath(trace);
  const wallUs = path.wallUs;
  if (trace.size === 0 || wallUs <= 0) return [];
  yield;
  const summary = summarizeTrace(trace);
  yield;
  const findings: TraceFinding[] = [];

  if (
    summary.root >= 0 &&
    summary.answeredUs !== null &&
    summary.workUs! > summary.answeredUs &&
    trace.subtreeStopUs[summary.root]! > trace.stopUs[summary.root]!
  ) {
    findings.push({
      kind: "answer",
      root: summary.root,
      answeredUs: summary.answeredUs,
      workUs: summary.workUs!,
      workUnfinished: summary.workUnfinished,
      spans: [summary.root],
      focus: summary.root,
      // Always first; finite, so the findings survive JSON (the trace page sends them as JSON).
      weightUs: Number.MAX_VALUE,
    });
  }
  findings.push(...(yield* stepFindServices(trace, path.bySpan, wallUs, minServiceShare)));

  // Waits only: a gap that is clock skew (a callee that seems to start before its caller) is not
  // time anything waited on; the header's clock estimate speaks for it.
  const waits = path.gaps.filter((g) => !g.skew);
  const { waitUs } = path;
  if (waits.length > 0 && waitUs >= 0.05 * wallUs) {
    const longest = waits.reduce((a, b) => (b.toUs - b.fromUs > a.toUs - a.fromUs ? b : a));
    const spans = [longest.before, longest.after].filter((i) => i >= 0);
    findings.push({
      kind: "untraced",
      totalUs: waitUs,
      share: waitUs / wallUs,
      count: waits.length,
      longest,
      spans,
      focus: longest.after >= 0 ? longest.after : longest.before,
      weightUs: waitUs,
    });
  }

  const sql = yield* stepFindSql(trace, path.bySpan, wallUs, options.db);
  if (sql) findings.push(sql);

  const errors: number[] = [],
    unfinished: number[] = [];
  for (let i = 0; i < trace.size; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    if (trace.flags[i]! & SpanFlag.ERROR) errors.push(i);
    if (trace.flags[i]! & SpanFlag.UNFINISHED) unfinished.push(i);
  }
  // A failure explains more than a small share of time: ranked as a fifth of the trace.
  if (errors.length > 0)
    findings.push({ kind: "errors", count: errors.length, first: errors[0]!, spans: errors, focus: errors[0]!, weightUs: 0.2 * wallUs });
  if (unfinished.length > 0 && summary.lastStarted >= 0) {
    findings.push({
      kind: "unfinished",
      count: unfinished.length,
      lastStarted: summary.lastStarted,
      spans: [...unfinished, summary.lastStarted],
      focus: summary.lastStarted,
      weightUs: 0.1 * wallUs,
    });
  }

  return findings
    .map((f, order) => ({ f, order }))
    .sort((a, b) => b.f.weightUs - a.f.weightUs || a.order - b.order)
    .slice(0, limit)
    .map(({ f }) => f);
}

function* stepFindServices(trace: Trace, critical: Float64Array, wallUs: number, minShare: number): Steps<TraceFinding[]> {
  const S = trace.strings.length;
  const keyOf = (i: number) => trace.project[i]! * S + trace.service[i]!;
  const byService = new Map<number, number>();
  for (let i = 0; i < trace.size; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    if (critical[i]! > 0) byService.set(keyOf(i), (byService.get(keyOf(i)) ?? 0) + critical[i]!);
  }

  // Labels by (type, detail) pair: a 100k-span trace has a few hundred distinct ones.
  const labels = new Map<number, string>();
  const labelOf = (i: number) => {
    const pair = trace.name[i]! * (S + 1) + trace.detail[i]! + 1;
    let label = labels.get(pair);
    if (label === undefined) labels.set(pair, (label = labelCall(trace, i)));
    return label;
  };
  const findings: TraceFinding[] = [];
  for (const [key, criticalUs] of byService) {
    if (criticalUs < minShare * wallUs) continue;
    // The service's calls grouped by label, all of them (twelve spawns, not only the one on the
    // path), ranked by their time on the path.
    const groups = new Map<string, CallGroup & { spans: number[]; focus: number }>();
    for (let i = 0; i < trace.size; i++) {
      if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
      if (keyOf(i) !== key) continue;
      const label = labelOf(i);
      const us = trace.stopUs[i]! - trace.startUs[i]!;
      let g = groups.get(label);
      if (!g) groups.set(label, (g = { label, count: 0, minUs: Infinity, maxUs: -Infinity, criticalUs: 0, spans: [], focus: i }));
      g.count++;
      g.minUs = Math.min(g.minUs, us);
      g.maxUs = Math.max(g.maxUs, us);
      g.criticalUs += critical[i]!;
      if (critical[i]! > critical[g.focus]!) g.focus = i;
      g.spans.push(i);
    }
    const ranked = [...groups.values()]
      .filter((g) => g.criticalUs > 0)
      .sort((a, b) => b.criticalUs - a.criticalUs || (a.label < b.label ? -1 : 1));
    const calls = ranked.filter((g, k) => k === 0 || g.criticalUs >= 0.1 * criticalUs).slice(0, 2);
    const top = calls[0]!;
    findings.push({
      kind: "service",
      project: trace.strings[Math.floor(key / S)]!,
      service: trace.strings[key % S]!,
      criticalUs,
      share: criticalUs / wallUs,
      calls: calls.map(({ label, count, minUs, maxUs, criticalUs: us }) => ({ label, count, minUs, maxUs, criticalUs: us })),
      spans: calls.flatMap((g) => g.spans),
      focus: top.focus,
      weightUs: criticalUs,
    });
  }
  return findings;
}

function* stepFindSql(trace: Trace, critical: Float64Array, wallUs: number, given: DbBreakdown | undefined): Steps<TraceFinding | null> {
  const isDb = trace.strings.map((s) => DB_SPAN_NAMES.has(s));
  let count = 0,
    criticalUs = 0;
  for (let i = 0; i < trace.size; i++) {
    if (i % SPANS_PER_STEP === SPANS_PER_STEP - 1) yield;
    if (!isDb[trace.name[i]!]) continue;
    count++;
    criticalUs += critical[i]!;
  }
  if (count === 0) return null;
  const db = given ?? (yield* stepDbBreakdown(createTraceView(trace)));
  let nPlusOne: { statement: string; count: number; parent: number; spans: number[] } | null = null;
  for (const group of db.groups) {
    for (const under of group.repeatedUnder) {
      if (!nPlusOne || under.count > nPlusOne.count)
        nPlusOne = {
          statement: group.statement,
          count: under.count,
          parent: under.parent,
          spans: group.spans.filter((i) => trace.parent[i] === under.parent),
        };
    }
  }
  const share = criticalUs / wallUs;
  if (share < 0.05 && !nPlusOne) return null;
  const slowestOnPath = db.slowest.find((s) => critical[s.span]! > 0)?.span ?? db.slowest[0]?.span ?? -1;
  const spans = nPlusOne ? nPlusOne.spans : db.slowest.map((s) => s.span);
  return {
    kind: "sql",
    count,
    totalUs: db.totalUs,
    criticalUs,
    share,
    nPlusOne: nPlusOne && { statement: nPlusOne.statement, count: nPlusOne.count, parent: nPlusOne.parent },
    spans,
    focus: nPlusOne ? nPlusOne.spans[0]! : slowestOnPath,
    // An N+1 is worth naming even when the database was fast this time.
    weightUs: Math.max(criticalUs, nPlusOne ? 0.05 * wallUs : 0),
  };
}
