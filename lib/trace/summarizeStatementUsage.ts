// One SQL statement (normalized) across traces: how often each request runs it and how long its
// calls take over time (the slowest traces come from the database, over all of them). Input: the statement's per-trace
// sums (table trace_aggregate) with the trace's start and signature; the call durations inside
// a trace are not kept, so "a trace's call time" is its mean per call (total / runs).
export type StatementUse = {
  traceId: string;
  startUs: number;
  signature: string | null;
  count: number;
  totalUs: number;
  maxUs: number;
};

export type StatementUsage = {
  traces: number;
  runs: number;
  /** Per request signature, most traces first: runs per trace (median and max). */
  perRequest: { signature: string; traces: number; medianRuns: number; maxRuns: number }[];
  /** Equal time buckets over the traces' starts: p50/p95 of the traces' mean call time. */
  series: { startUs: number; endUs: number; traces: number; p50Us: number; p95Us: number }[];
};

export function summarizeStatementUsage(uses: readonly StatementUse[], options: { buckets?: number } = {}): StatementUsage {
  const { buckets = 30 } = options;
  const bySignature = new Map<string, number[]>();
  for (const u of uses) {
    const key = u.signature ?? "(no root request)";
    bySignature.set(key, [...(bySignature.get(key) ?? []), u.count]);
  }
  const perRequest = [...bySignature]
    .map(([signature, runs]) => ({ signature, traces: runs.length, medianRuns: percentile(runs, 50), maxRuns: Math.max(...runs) }))
    .sort((a, b) => b.traces - a.traces || (a.signature < b.signature ? -1 : 1));

  const series: StatementUsage["series"] = [];
  if (uses.length > 0) {
    const first = Math.min(...uses.map((u) => u.startUs));
    const last = Math.max(...uses.map((u) => u.startUs));
    const width = Math.max(1, Math.ceil((last - first + 1) / buckets));
    const means: number[][] = Array.from({ length: buckets }, () => []);
    for (const u of uses) if (u.count > 0) means[Math.min(buckets - 1, Math.floor((u.startUs - first) / width))]!.push(u.totalUs / u.count);
    means.forEach((values, i) => {
      if (values.length === 0) return;
      series.push({
        startUs: first + i * width,
        endUs: first + (i + 1) * width,
        traces: values.length,
        p50Us: percentile(values, 50),
        p95Us: percentile(values, 95),
      });
    });
  }
  return {
    traces: uses.length,
    runs: uses.reduce((sum, u) => sum + u.count, 0),
    perRequest,
    series,
  };
}

/** Nearest rank, as the list's percentiles. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p * sorted.length) / 100) - 1)]!;
}
