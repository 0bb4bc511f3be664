// What every benchmark prints and records: the machine and its load, figures, and one verdict
// line per budget (PASS/MISS with the measured number and the budget). A MISS is a result, not
// an error: scripts exit 0 on MISS and non-zero only when the measurement itself failed.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const RESULTS_DIR = join(import.meta.dirname, "..", "results");

export type Machine = {
  date: string;
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  freeRamGiB: number;
  node: string;
  loadavg: [number, number, number];
  /** The commit measured, and uncommitted changes to what runs (the web server is built from the commit). */
  commit: string;
  uncommitted: string[];
};

export function describeMachine(): Machine {
  const [one, five, fifteen] = loadavg() as [number, number, number];
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    ramGiB: round(totalmem() / 2 ** 30, 1),
    freeRamGiB: round(freemem() / 2 ** 30, 1),
    node: process.version,
    loadavg: [round(one, 2), round(five, 2), round(fifteen, 2)],
    ...describeCheckout(),
  };
}

function describeCheckout(): { commit: string; uncommitted: string[] } {
  const root = join(import.meta.dirname, "..", "..");
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--", "lib", "worker", "app", "components", "prisma", "bench"], {
      cwd: root,
      encoding: "utf8",
    });
    return { commit, uncommitted: status.split("\n").filter(Boolean) };
  } catch {
    return { commit: "unknown", uncommitted: [] };
  }
}

function formatLoad(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

export type Verdict = {
  name: string;
  value: number;
  unit: string;
  /** "<=" or ">=" the budget. */
  op: "<=" | ">=";
  budget: number;
  pass: boolean;
  note?: string;
};

export type AreaResult = {
  area: string;
  machine: Machine;
  /** Load average sampled at each step, to judge whether others' work disturbed the figures. */
  loadSamples: { at: string; step: string; loadavg: string }[];
  figures: Record<string, unknown>;
  verdicts: Verdict[];
  finishedAt?: string;
};

export function createAreaResult(area: string): AreaResult {
  return { area, machine: describeMachine(), loadSamples: [], figures: {}, verdicts: [] };
}

/** Prints "- step (load 1.02 0.88 0.75)" and keeps it with the result. */
export function noteStep(result: AreaResult, step: string): void {
  const load = formatLoad();
  result.loadSamples.push({ at: new Date().toISOString(), step, loadavg: load });
  console.log(`- ${step} (load ${load})`);
}

export function judge(
  result: AreaResult,
  name: string,
  value: number,
  op: "<=" | ">=",
  budget: number,
  unit: string,
  note?: string,
): Verdict {
  const pass = Number.isFinite(value) && (op === "<=" ? value <= budget : value >= budget);
  const verdict: Verdict = { name, value, unit, op, budget, pass, ...(note ? { note } : {}) };
  result.verdicts.push(verdict);
  console.log(formatVerdict(verdict));
  return verdict;
}

export function formatVerdict(v: Verdict): string {
  return `${v.pass ? "PASS" : "MISS"} ${v.name}: ${formatNumber(v.value)} ${v.unit} (budget ${v.op} ${formatNumber(v.budget)} ${v.unit})${v.note ? ` - ${v.note}` : ""}`;
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString("en");
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** Writes bench/results/<timestamp>-<area>.json and returns its path. */
export function saveResult(result: AreaResult): string {
  result.finishedAt = new Date().toISOString();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.machine.date.replace(/[:.]/g, "-")}-${result.area}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  console.log(`results: ${file}`);
  return file;
}

/** Nearest-rank percentile (p in 0..100) of unsorted numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * `items` in the order of run `run` (1-based): each run starts one further on. Builds measured in
 * the same runs take turns being visited first: with a fixed order the first-visited one came
 * out slower in several A/Bs (docs/benchmarks.md §35, §37).
 */
export function inTurn<T>(items: readonly T[], run: number): T[] {
  const k = items.length === 0 ? 0 : (run - 1) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Command-line flags of the form --name value / --name=value / --flag. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const eq = arg.indexOf("=");
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) flags.set(arg.slice(2), argv[++i]!);
    else flags.set(arg.slice(2), "true");
  }
  return flags;
}

/** Runs `main` when the file is the process's entry point; prints a failure and exits 1. */
export function runIfMain(metaUrl: string, main: () => Promise<unknown>): void {
  const entry = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : "";
  if (metaUrl !== entry) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error("benchmark failed:", error);
      process.exit(1);
    },
  );
}
