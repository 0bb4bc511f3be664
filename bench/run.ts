// `npm run bench`: every benchmark area in turn, one verdict line per budget, results in
// bench/results/ (git-ignored). Not part of `npm test`: these are measurements, so a MISS is
// printed and the exit code stays 0; only a failed measurement (an error, lost data) exits 1.
//
//   npm run bench                          # all areas
//   npm run bench -- ingest api            # some areas
//   npm run bench -- page --runs 5         # flags go to every area that knows them
//   npm run bench -- --keep-data           # keep the read dataset (/tmp/ostrace-bench-data, ostrace_bench_*) for the next run
//
// Areas: ingest (item 1), latency (2), api (3), page (4), storage (5: bytes per span + worker RSS),
// hostile (issue 12: ingest with hostile messages mixed in, against a clean run in the same run),
// import (issue 13: POST /api/traces/import of 10k and 100k-span reports: time and web server RSS),
// first-rows (issue 14: navigation -> first painted rows of the trace page against a plain
// virtualized page over the same OSprofiler report, 100 to 100k spans; `--against <commit>`),
// big-trace (issue 14: a 1M-span trace's exports, GET and page: time, server RSS, page heap),
// scaleout (issue 16: 1, 2 and 3 collectors on one queue and PostgreSQL: throughput, CPU per notification, lock waits).
// The machine is shared: each step prints the load average; record a run made while it is quiet.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseApiOptions, runApiBench } from "./api";
import { parseBigTraceOptions, runBigTraceBench } from "./bigTrace";
import { parseFirstRowsOptions, runFirstRowsBench } from "./firstRows";
import { parseHostileOptions, runHostileBench } from "./hostile";
import { parseImportOptions, runImportBench } from "./import";
import { parseIngestOptions, runIngestBench } from "./ingest";
import { parseLatencyOptions, runLatencyBench } from "./latency";
import { parsePageOptions, runPageBench } from "./page";
import { parseScaleOutOptions, runScaleOutBench } from "./scaleout";
import { createAreaResult, describeMachine, formatVerdict, RESULTS_DIR, runIfMain, saveResult, type AreaResult } from "./support/report";
import { parseStorageOptions, runStorageBench } from "./storage";

const AREAS: Record<string, (argv: string[]) => Promise<AreaResult>> = {
  ingest: (argv) => runIngestBench(parseIngestOptions(argv)),
  latency: (argv) => runLatencyBench(parseLatencyOptions(argv)),
  storage: (argv) => runStorageBench(parseStorageOptions(argv)),
  api: (argv) => runApiBench(parseApiOptions(argv)),
  page: (argv) => runPageBench(parsePageOptions(argv)),
  hostile: (argv) => runHostileBench(parseHostileOptions(argv)),
  import: (argv) => runImportBench(parseImportOptions(argv)),
  "first-rows": (argv) => runFirstRowsBench(parseFirstRowsOptions(argv)),
  scaleout: (argv) => runScaleOutBench(parseScaleOutOptions(argv)),
  "big-trace": (argv) => runBigTraceBench(parseBigTraceOptions(argv)),
};

export async function runBench(argv: string[]): Promise<AreaResult[]> {
  const named = argv.filter((a) => Object.hasOwn(AREAS, a));
  const flags = argv.filter((a) => !Object.hasOwn(AREAS, a));
  const areas = named.length > 0 ? named : Object.keys(AREAS);
  const machine = describeMachine();
  console.log(
    `ostrace benchmarks: ${areas.join(", ")} on ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, node ${machine.node}, load ${machine.loadavg.join(" ")}`,
  );
  const results: AreaResult[] = [];
  for (const area of areas) {
    console.log("");
    try {
      const result = await AREAS[area]!(flags);
      saveResult(result);
      results.push(result);
    } catch (error) {
      // One failed area does not hide the others' figures; the run still fails at the end.
      console.error(`area ${area} failed:`, error);
      const failed = createAreaResult(area);
      failed.figures.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      saveResult(failed);
      results.push(failed);
    }
  }
  console.log("\n# verdicts");
  for (const result of results) {
    if (result.figures.error) console.log(`ERROR ${result.area}: ${String(result.figures.error).split("\n")[0]}`);
    for (const verdict of result.verdicts) console.log(formatVerdict(verdict));
  }
  const summary = { machine, areas, results: results.map((r) => ({ area: r.area, verdicts: r.verdicts, error: r.figures.error ?? null })) };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${machine.date.replace(/[:.]/g, "-")}-summary.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2) + "\n");
  console.log(`summary: ${file}`);
  if (results.some((r) => r.figures.error)) throw new Error("some areas failed to measure (see above)");
  return results;
}

runIfMain(import.meta.url, async () => {
  await runBench(process.argv.slice(2));
});
