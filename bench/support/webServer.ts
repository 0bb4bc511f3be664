// The real production web server for benchmarks: `next build` + `next start`, against the
// benchmark's database. The build is made from a snapshot of the committed tree (git archive
// HEAD, node_modules hard-linked) in /tmp/ostrace-bench-build/<commit>, not in the shared
// checkout: other engineers edit and rebuild there all the time, and a rebuild under a running
// `next start` (or a half-written file failing the build) would spoil a measurement. The
// snapshot is built once per commit and reused.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { findFreePort } from "../../tests/browser/support/nextServer";
import { ROOT, stopProcess } from "./processes";

// BENCH_BUILD_ROOT: a directory of one's own, so that another run's clean-up (three newest kept)
// cannot delete the snapshot a long run (a million-span export) is serving from.
const BUILD_ROOT = process.env.BENCH_BUILD_ROOT ?? "/tmp/ostrace-bench-build";

export type WebServer = { url: string; pid: number; commit: string; output(): string; stop(): Promise<void> };

/** The full commit id of a revision (HEAD by default, or any commit-ish: a hash, a branch, HEAD~3). */
export function resolveCommit(revision = "HEAD"): string {
  return execFileSync("git", ["rev-parse", "--verify", `${revision}^{commit}`], { cwd: ROOT, encoding: "utf8" }).trim();
}

/** Builds the committed tree once; returns the snapshot's directory. */
function ensureSnapshotBuild(commit: string): string {
  const dir = join(BUILD_ROOT, commit.slice(0, 12));
  if (existsSync(join(dir, ".next", "BUILD_ID"))) return dir;
  console.log(`  building ${commit.slice(0, 12)} in ${dir} (next build, a few minutes)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C ${dir}`], { cwd: ROOT });
  // Hard links: instant, no space, and inside the snapshot (Turbopack refuses symlinks out of the project).
  execFileSync("cp", ["-al", join(ROOT, "node_modules"), join(dir, "node_modules")]);
  // The generated Prisma clients are git-ignored; generating them needs the schema engine, so copy them.
  cpSync(join(ROOT, "lib", "db", "generated"), join(dir, "lib", "db", "generated"), { recursive: true });
  const result = spawnSync(process.execPath, [join(dir, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0)
    throw new Error(`next build of ${commit.slice(0, 12)} failed:\n${`${result.stdout}\n${result.stderr}`.slice(-4000)}`);
  // Keep the three newest snapshots (one per commit measured lately).
  const old = readdirSync(BUILD_ROOT)
    .map((name) => ({ path: join(BUILD_ROOT, name), at: statSync(join(BUILD_ROOT, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
    .slice(3);
  for (const { path } of old) rmSync(path, { recursive: true, force: true });
  return dir;
}

/**
 * The Node flags and environment the snapshot's own commit starts its web server with
 * (scripts/webServerFlags.ts; none before that file existed). BENCH_SERVER_PLAIN=1: Node's
 * defaults, for an A/B of the flags themselves.
 */
async function readShippedFlags(dir: string): Promise<{ nodeFlags: readonly string[]; env: Readonly<Record<string, string>> }> {
  const file = join(dir, "scripts", "webServerFlags.ts");
  if (process.env.BENCH_SERVER_PLAIN === "1" || !existsSync(file)) return { nodeFlags: [], env: {} };
  const shipped = (await import(file)) as { WEB_SERVER_NODE_FLAGS: readonly string[]; WEB_SERVER_ENV: Readonly<Record<string, string>> };
  return { nodeFlags: shipped.WEB_SERVER_NODE_FLAGS, env: shipped.WEB_SERVER_ENV };
}

/** `revision`: the commit to build and serve (HEAD by default; another one for a before/after). */
export async function startWebServer(databaseUrl: string, env: Record<string, string> = {}, revision = "HEAD"): Promise<WebServer> {
  const commit = resolveCommit(revision);
  const dir = ensureSnapshotBuild(commit);
  const port = await findFreePort();
  let log = "";
  const shipped = await readShippedFlags(dir);
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (written when it stops).
  const nodeArgs = [...shipped.nodeFlags, ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean)];
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: dir,
      env: {
        ...process.env,
        ...shipped.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "warn",
        PORT: String(port),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  child.stderr!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => void (await stopProcess(child, 5000));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, pid: child.pid!, commit, output: () => log, stop };
}
