// The real web server for browser tests: `next build` when the build is stale (scripts/nextBuild.ts),
// then `next start` on a free port with a fresh SQLite database.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuild, NEXT_BIN, ROOT } from "../../../scripts/nextBuild";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "../../../scripts/webServerFlags";

export { ROOT };

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

export type StartOptions = {
  /** Where `next start` listens (-H); the tests still reach it on 127.0.0.1. */
  hostname?: string;
};

/** `next start` on a free port, with a fresh SQLite file and no broker (the collector is not started: the UI says disconnected). */
export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  await ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), "ostrace-browser-"));
  const databaseUrl = `file:${join(dir, "ostrace.db")}`;
  const port = await findFreePort();
  let log = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [...WEB_SERVER_NODE_FLAGS, NEXT_BIN, "start", "-p", String(port), "-H", options.hostname ?? "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...WEB_SERVER_ENV,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        AMQP_URL: "amqp://guest:guest@127.0.0.1:1",
        LOG_LEVEL: "warn",
        PORT: String(port),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
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
