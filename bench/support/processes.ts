// Child processes for benchmarks: TypeScript entry points run by node with tsx's loader (one
// process, so its pid is the process measured, unlike `npx tsx`, which forks), and the
// resident memory of a process read from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");

/** Set BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the measured processes. */
const PROFILE_FLAGS = (process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter(Boolean);

/** `root`: the tree the file is taken from and run in (another commit's snapshot, bench/support/snapshotTree.ts). */
export function spawnTs(file: string, args: string[], env: Record<string, string> = {}, root = ROOT): ChildProcess {
  return spawn(process.execPath, [...PROFILE_FLAGS, "--import", "tsx", join(root, file), ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs a TypeScript script to its end and parses the last line it printed as JSON. */
export async function runTsForJson<T>(file: string, args: string[], env: Record<string, string> = {}, root = ROOT): Promise<T> {
  const child = spawnTs(file, args, env, root);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  if (code !== 0) throw new Error(`${file} exited with ${code}:\n${err.slice(-3000)}`);
  const last = out.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${file} printed no JSON result:\n${out.slice(-2000)}\n${err.slice(-2000)}`);
  }
}

export type RssSample = {
  t: number;
  /** VmRSS: everything resident. */
  rssMiB: number;
  /** RssAnon: the process's own memory (heap, native allocations): what grows when something leaks. */
  anonMiB: number;
  /** RssFile: resident pages of mapped files (code, and SQLite's memory-mapped database: reclaimable page cache). */
  fileMiB: number;
};

/** Resident memory of a live process in MiB, or null once it is gone. */
function readRss(pid: number): Omit<RssSample, "t"> | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => {
      const kb = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return kb ? Math.round((Number(kb[1]) / 1024) * 10) / 10 : NaN;
    };
    return { rssMiB: field("VmRSS"), anonMiB: field("RssAnon"), fileMiB: field("RssFile") };
  } catch {
    return null;
  }
}

/** Samples a process's resident memory every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs = 1000): { samples: RssSample[]; stop(): void } {
  const samples: RssSample[] = [];
  const t0 = performance.now();
  const take = () => {
    const rss = readRss(pid);
    if (rss !== null) samples.push({ t: Math.round(performance.now() - t0) / 1000, ...rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

export async function stopProcess(child: ChildProcess, timeoutMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
