// One answer to "is the web build current, and if not, build it" for `npm start`, the browser
// tests and the benchmarks: `next build` runs only when a build input is newer than the last
// build, and never twice at once on this machine (a lock directory; a dead holder's lock is
// taken over).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
export const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.mjs",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
];
const LOCK = join(tmpdir(), `ostrace-next-build-${createHash("sha1").update(ROOT).digest("hex").slice(0, 10)}.lock`);

function newestInputMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) {
      // Tests and generated clients do not change what `next build` produces.
      if (entry === "generated" || /\.test\.tsx?$/.test(entry)) continue;
      visit(join(path, entry));
    }
  };
  for (const input of BUILD_INPUTS) if (existsSync(join(ROOT, input))) visit(join(ROOT, input));
  return newest;
}

const BUILD_ID = join(ROOT, ".next", "BUILD_ID");

export function buildIsCurrent(): boolean {
  return isStampCurrent(BUILD_ID, newestInputMtime());
}

/** Whether a build stamped by stampBuild is as new as the inputs (their newest mtime). */
export function isStampCurrent(buildIdPath: string, newestInputMs: number): boolean {
  return existsSync(buildIdPath) && statSync(buildIdPath).mtimeMs >= newestInputMs;
}

/**
 * Dates a finished build at its inputs as they were when it started, not at its end: a source
 * saved while `next build` ran (which it may or may not have read) is then newer than the build,
 * and the next check builds again instead of serving the older code as current.
 */
export function stampBuild(buildIdPath: string, inputsAtStartMs: number): void {
  // Rounded up: a Date holds whole milliseconds, and an mtime's fraction of one (nanoseconds on
  // ext4) truncated would leave the newest source newer than the build, and every check rebuilding.
  const at = new Date(Math.ceil(inputsAtStartMs));
  utimesSync(buildIdPath, at, at);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withBuildLock<T>(body: () => T, timeoutMs = 15 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(LOCK, "pid"), "utf8"));
      } catch {
        // being created right now
      }
      if (Number.isFinite(holder) && holder > 0 && !pidAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for the build lock ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return body();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the web UI unless the build is current. `inherit` shows Next's output (npm start);
 * otherwise it is captured and returned in the error when the build fails (tests).
 */
export async function ensureBuild(options: { stdio: "inherit" | "pipe" } = { stdio: "pipe" }): Promise<boolean> {
  if (buildIsCurrent()) return false;
  return withBuildLock(() => {
    if (buildIsCurrent()) return false;
    const inputsAtStart = newestInputMtime();
    const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      stdio: options.stdio,
      encoding: "utf8",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) {
      const output = options.stdio === "pipe" ? `:\n${`${result.stdout}\n${result.stderr}`.slice(-4000)}` : "";
      throw new Error(`next build failed (exit ${result.status})${output}`);
    }
    stampBuild(BUILD_ID, inputsAtStart);
    return true;
  });
}
