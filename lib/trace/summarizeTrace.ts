// The header of a trace page: what the request was, when, how long the API took to answer and
// how long the work it started went on, what it touched, and what is wrong with the data
// (errors, unfinished or orphaned spans, clock skew).
import { compareRootCandidates, parseRequestLine, type RootCandidate } from "../span/rootRequest";
import { SpanFlag, type Trace } from "./types";

export type TraceSummary = {
  traceId: string;
  spanCount: number;
  startedUs: number;
  /** First to last timestamp of the whole trace. */
  durationUs: number;
  /** The top-level span that names the trace (the rule the trace list uses too), -1 for none. */
  root: number;
  rootName: string | null;
  rootMethod: string | null;
  rootPath: string | null;
  /** Top-level spans that are HTTP requests: one client command is often several. */
  rootRequests: number;
  /** The root's own duration: when the API answered. Null without a root, or while its start or stop is missing. */
  answeredUs: number | null;
  /** From the root's start to the end of the last span of its subtree: when the work it started was done. */
  workUs: number | null;
  /**
   * A span under the root never finished (still running, or its stop was lost): workUs is then
   * only what is known so far, a lower bound.
   */
  workUnfinished: boolean;
  /** Distinct services, most spans first. */
  services: string[];
  projects: string[];
  hosts: string[];
  errors: number;
  unfinished: number;
  noStart: number;
  orphans: number;
  cycles: number;
  /** Spans that ended after their parent ended (see SpanFlag.ASYNC). */
  asyncSpans: number;
  /** Spans whose times contradict their parent's or their own (see SpanFlag.SKEW). */
  skewed: number;
  maxDepth: number;
  /** The span that started last (where a hung request stopped, as OSprofiler's report marks it), -1 for none. */
  lastStarted: number;
};

const summaries = new WeakMap<Trace, TraceSummary>();

/** Once per trace: the page's header and its findings both read it (a pass with maps: ~100 ms at 1M spans). */
export function summarizeTrace(trace: Trace): TraceSummary {
  let summary = summaries.get(trace);
  if (!summary) summaries.set(trace, (summary = computeSummary(trace)));
  return summary;
}

function computeSummary(trace: Trace): TraceSummary {
  const counts = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const columns = [trace.service, trace.project, trace.host];
  const tally = { errors: 0, unfinished: 0, noStart: 0, orphans: 0, cycles: 0, asyncSpans: 0, skewed: 0 };
  let maxDepth = 0,
    lastStarted = -1,
    rootRequests = 0;
  let best: (RootCandidate & { index: number }) | null = null;
  for (let i = 0; i < trace.size; i++) {
    columns.forEach((column, c) => counts[c]!.set(column[i]!, (counts[c]!.get(column[i]!) ?? 0) + 1));
    const f = trace.flags[i]!;
    if (f & SpanFlag.ERROR) tally.errors++;
    if (f & SpanFlag.UNFINISHED) tally.unfinished++;
    if (f & SpanFlag.NO_START) tally.noStart++;
    if (f & SpanFlag.ORPHAN) tally.orphans++;
    if (f & SpanFlag.CYCLE) tally.cycles++;
    if (f & SpanFlag.ASYNC) tally.asyncSpans++;
    if (f & SpanFlag.SKEW) tally.skewed++;
    if (trace.depth[i]! > maxDepth) maxDepth = trace.depth[i]!;
    if (!(f & SpanFlag.NO_START) && (lastStarted < 0 || trace.startUs[i]! >= trace.startUs[lastStarted]!)) lastStarted = i;
    // Roots by the trace list's rule: top-level spans whose parent is the trace itself.
    if (trace.parent[i]! < 0 && !(f & (SpanFlag.ORPHAN | SpanFlag.CYCLE))) {
      const candidate = {
        index: i,
        request: parseRequestLine(text(trace, trace.detail[i]!)),
        earliestUs: earliestKnownUs(trace, i),
        spanId: trace.spanId[i]!,
      };
      if (candidate.request) rootRequests++;
      if (!best || compareRootCandidates(candidate, best) < 0) best = candidate;
    }
  }
  const ranked = (m: Map<number, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || (trace.strings[a[0]]! < trace.strings[b[0]]! ? -1 : 1)).map(([s]) => trace.strings[s]!);
  const root = best?.index ?? -1;
  let workUnfinished = false;
  for (let i = root, end = root < 0 ? root : trace.subtreeEnd[root]!; i < end && !workUnfinished; i++)
    workUnfinished = (trace.flags[i]! & SpanFlag.UNFINISHED) !== 0;
  return {
    traceId: trace.traceId,
    spanCount: trace.size,
    startedUs: trace.startedUs,
    durationUs: trace.finishedUs - trace.startedUs,
    root,
    rootName: root < 0 ? null : trace.strings[trace.name[root]!]!,
    rootMethod: best?.request?.method ?? null,
    rootPath: best?.request?.path ?? null,
    rootRequests,
    // Unknown while the root's start or stop is missing (buildTrace infers its interval from the
    // trace's): a request still running, or whose stop was lost, has not answered. As the list's
    // answered_us (mergeTraceSummaries), which stays null until both arrived.
    answeredUs:
      root < 0 || trace.flags[root]! & (SpanFlag.UNFINISHED | SpanFlag.NO_START)
        ? null
        : Math.max(0, trace.stopUs[root]! - trace.startUs[root]!),
    workUs: root < 0 ? null : trace.subtreeStopUs[root]! - trace.startUs[root]!,
    workUnfinished,
    services: ranked(counts[0]!),
    projects: ranked(counts[1]!),
    hosts: ranked(counts[2]!),
    ...tally,
    maxDepth,
    lastStarted,
  };
}

function text(trace: Trace, index: number): string | null {
  return index < 0 ? null : trace.strings[index]!;
}

/** What the ingest side ranks by: the earliest timestamp that arrived for the span itself. */
function earliestKnownUs(trace: Trace, i: number): number {
  const f = trace.flags[i]!;
  if (f & SpanFlag.NO_START) return trace.stopUs[i]!;
  if (f & SpanFlag.UNFINISHED) return trace.startUs[i]!;
  return Math.min(trace.startUs[i]!, trace.stopUs[i]!);
}
