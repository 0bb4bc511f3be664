// The header of a trace page: what the request was, how long it took, what it touched, and
// what is wrong with the data (errors, unfinished or orphaned spans).
import { SpanFlag, type Trace } from "./types";

export type TraceSummary = {
  traceId: string;
  spanCount: number;
  startedUs: number;
  durationUs: number;
  /** The first root's detail ("METHOD path" for a wsgi root), else its name; null for an empty trace. */
  rootRequest: string | null;
  /** Distinct services, most spans first. */
  services: string[];
  projects: string[];
  hosts: string[];
  errors: number;
  unfinished: number;
  noStart: number;
  orphans: number;
  cycles: number;
  maxDepth: number;
};

export function summarizeTrace(trace: Trace): TraceSummary {
  const counts = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const columns = [trace.service, trace.project, trace.host];
  const tally = { errors: 0, unfinished: 0, noStart: 0, orphans: 0, cycles: 0 };
  let maxDepth = 0;
  for (let i = 0; i < trace.size; i++) {
    columns.forEach((column, c) => counts[c]!.set(column[i]!, (counts[c]!.get(column[i]!) ?? 0) + 1));
    const f = trace.flags[i]!;
    if (f & SpanFlag.ERROR) tally.errors++;
    if (f & SpanFlag.UNFINISHED) tally.unfinished++;
    if (f & SpanFlag.NO_START) tally.noStart++;
    if (f & SpanFlag.ORPHAN) tally.orphans++;
    if (f & SpanFlag.CYCLE) tally.cycles++;
    if (trace.depth[i]! > maxDepth) maxDepth = trace.depth[i]!;
  }
  const ranked = (m: Map<number, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || (trace.strings[a[0]]! < trace.strings[b[0]]! ? -1 : 1)).map(([s]) => trace.strings[s]!);
  const root = trace.size > 0 ? (trace.detail[0]! >= 0 ? trace.strings[trace.detail[0]!]! : trace.strings[trace.name[0]!]!) : null;
  return {
    traceId: trace.traceId,
    spanCount: trace.size,
    startedUs: trace.startedUs,
    durationUs: trace.finishedUs - trace.startedUs,
    rootRequest: root,
    services: ranked(counts[0]!),
    projects: ranked(counts[1]!),
    hosts: ranked(counts[2]!),
    ...tally,
    maxDepth,
  };
}
