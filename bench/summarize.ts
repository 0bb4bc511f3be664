// Markdown tables from benchmark results (bench/results/*.json), for docs/benchmarks.md:
// one row per verdict with the machine's load when the area ran.
//
//   npx tsx bench/summarize.ts                      # the newest result of each area
//   npx tsx bench/summarize.ts bench/results/a.json bench/results/b.json
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatNumber, RESULTS_DIR, runIfMain, type AreaResult } from "./support/report";

export function newestResults(dir = RESULTS_DIR): string[] {
  const newest = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith("-summary.json"))
    .sort()) {
    newest.set(file.replace(/^.*Z-/, "").replace(/\.json$/, ""), join(dir, file));
  }
  return [...newest.values()];
}

export function formatResultsMarkdown(results: AreaResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const loads = r.loadSamples.map((s) => Number(s.loadavg.split(" ")[0]));
    lines.push(`### ${r.area}`, "");
    lines.push(
      `${r.machine.date} · commit ${r.machine.commit ?? "?"}${r.machine.uncommitted?.length ? ` (+${r.machine.uncommitted.length} uncommitted)` : ""} · ` +
        `${r.machine.nproc} CPUs, ${r.machine.ramGiB} GiB, node ${r.machine.node} · load (1 min) ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} during the run`,
      "",
    );
    lines.push("| verdict | what | measured | budget |", "|---|---|---|---|");
    for (const v of r.verdicts) {
      lines.push(
        `| ${v.pass ? "PASS" : "**MISS**"} | ${v.name}${v.note ? ` (${v.note})` : ""} | ${formatNumber(v.value)} ${v.unit} | ${v.op} ${formatNumber(v.budget)} ${v.unit} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

runIfMain(import.meta.url, async () => {
  const files = process.argv.slice(2).filter((a) => a.endsWith(".json"));
  const results = (files.length ? files : newestResults()).map((f) => JSON.parse(readFileSync(f, "utf8")) as AreaResult);
  console.log(formatResultsMarkdown(results));
});
