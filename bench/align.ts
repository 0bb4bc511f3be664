// Two traces side by side (lib/trace/alignTraces + summarizeAlignment, and the rows on either
// trace's critical path: computeCriticalPath of each + alignCriticalPaths, which the compare page
// computes as it opens) on two 10k-span boots, against a baseline measured in the same run:
// building the two trace models, which the compare page does anyway before it aligns them.
// Prints medians of RUNS runs and the load.
//
//   npx tsx bench/align.ts [spans=10000]
import { loadavg } from "node:os";
import { describeCall } from "../lib/span/describeCall";
import type { Span } from "../lib/span/types";
import { alignCriticalPaths } from "../lib/trace/alignCriticalPaths";
import { alignTraces } from "../lib/trace/alignTraces";
import { buildTrace } from "../lib/trace/buildTrace";
import { computeCriticalPath } from "../lib/trace/computeCriticalPath";
import { summarizeAlignment } from "../lib/trace/summarizeAlignment";
import { generateSyntheticTraces } from "../testing/synthetic/generateSyntheticTraces";
import type { SyntheticTrace } from "../testing/synthetic/types";
import { runIfMain } from "./support/report";

const RUNS = 7;

function toSpans(t: SyntheticTrace): Span[] {
  return t.spans.map((s) => ({
    traceId: t.traceId,
    spanId: s.spanId,
    parentId: s.parentId,
    name: s.name,
    project: s.process.project,
    service: s.process.service,
    host: s.process.host,
    startUs: s.startUs,
    stopUs: s.stopUs,
    error: null,
    detail: describeCall({ info: s.startInfo }),
    startPayload: null,
    stopPayload: null,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => unknown): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

runIfMain(import.meta.url, async () => {
  const spanCount = Number(process.argv[2] ?? 10_000);
  // Two boots of different seeds: the same shape, different sizes, ids and times.
  const [a] = generateSyntheticTraces({ scenario: "boot-server", spanCount, seed: "align-a", errorRate: 0 });
  const [b] = generateSyntheticTraces({ scenario: "boot-server", spanCount: Math.round(spanCount * 1.1), seed: "align-b", errorRate: 0 });
  const spansA = toSpans(a!),
    spansB = toSpans(b!);
  const build: number[] = [],
    align: number[] = [],
    summarize: number[] = [],
    paths: number[] = [];
  let rows = 0;
  for (let k = 0; k < RUNS; k++) {
    let ta = buildTrace(spansA),
      tb = buildTrace(spansB);
    build.push(time(() => ((ta = buildTrace(spansA)), (tb = buildTrace(spansB)))));
    let al = alignTraces(ta, tb);
    align.push(time(() => (al = alignTraces(ta, tb))));
    summarize.push(time(() => summarizeAlignment(al)));
    // Each trace's path is cached on its model: these are this run's fresh models.
    paths.push(time(() => alignCriticalPaths(al, computeCriticalPath(ta), computeCriticalPath(tb))));
    rows = al.size;
  }
  console.log(
    `spans: A ${spansA.length}, B ${spansB.length}; aligned rows ${rows}; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`baseline buildTrace(A)+buildTrace(B): median ${median(build).toFixed(1)} ms`);
  console.log(
    `alignTraces(A, B):                    median ${median(align).toFixed(1)} ms (${(median(align) / median(build)).toFixed(2)}x baseline)`,
  );
  console.log(
    `summarizeAlignment:                   median ${median(summarize).toFixed(1)} ms (${(median(summarize) / median(build)).toFixed(2)}x baseline)`,
  );
  console.log(
    `both critical paths, aligned:         median ${median(paths).toFixed(1)} ms (${(median(paths) / median(build)).toFixed(2)}x baseline)`,
  );
});
