// The real production web server for benchmarks: `next build` when the sources are newer than
// the build (shared lock with the browser tests: tests/browser/support/nextServer.ts), then
// `next start` on a free port against the benchmark's database.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureBuild, findFreePort } from "../../tests/browser/support/nextServer";
import { ROOT, stopProcess } from "./processes";

const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");

export type WebServer = { url: string; pid: number; output(): string; stop(): Promise<void> };

export async function startWebServer(databaseUrl: string, env: Record<string, string> = {}): Promise<WebServer> {
  await ensureBuild();
  const port = await findFreePort();
  let log = "";
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  return { url, pid: child.pid!, output: () => log, stop };
}
