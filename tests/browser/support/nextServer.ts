// The real web server for browser tests: `next build` once (only when the sources are newer
// than the build, and never two builds at once: a lock directory shared by every test file and
// process on this machine), then `next start` on a free port with a fresh SQLite database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");
const BUILD_INPUTS = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
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

export function buildIsCurrent(): boolean {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestInputMtime();
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withBuildLock<T>(body: () => Promise<T> | T, timeoutMs = 15 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a process that died (killed test run) is taken over.
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
    return await body();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the app unless the build is current. Another engineer's half-written file can fail it for a moment: retried. */
export async function ensureBuild(): Promise<void> {
  if (buildIsCurrent()) return;
  await withBuildLock(async () => {
    for (let attempt = 1; !buildIsCurrent(); attempt++) {
      const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (result.status === 0) return;
      const output = `${result.stdout}\n${result.stderr}`.slice(-4000);
      if (attempt >= 3) throw new Error(`next build failed ${attempt} times:\n${output}`);
      console.warn(`next build failed (attempt ${attempt}), retrying in 20 s:\n${output.slice(-1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20_000));
    }
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type TestServer = {
  url: string;
  databaseUrl: string;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

/** `next start` on a free port, with a fresh SQLite file and no broker (the collector is not started: the UI says disconnected). */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  await ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), "ostrace-browser-"));
  const databaseUrl = `file:${join(dir, "ostrace.db")}`;
  const port = await findFreePort();
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, AMQP_URL: "amqp://guest:guest@127.0.0.1:1", LOG_LEVEL: "warn", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 120) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url, databaseUrl, output: () => log, stop };
}
