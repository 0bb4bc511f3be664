// ostrace as an operator runs it, for the end-to-end tests: the web server (`next start` on a
// fresh SQLite database, tests/browser/support/nextServer.ts) and the collector as its own
// process (`tsx worker/main.ts`, configured by environment) storing into that database from a
// queue bound to the given exchanges. Ready once the collector reports itself connected.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT, startServer, type TestServer } from "../../browser/support/nextServer";
import { AMQP_URL } from "../../support/amqp";

export type Ostrace = {
  server: TestServer;
  /** What the worker printed, for failure messages. */
  workerLog(): string;
  /** SIGTERM to the worker (it commits its batch and exits), then the server. */
  stop(): Promise<void>;
};

/** Polls `probe` until it answers non-null; a probe that throws counts as "not yet". */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null>,
  timeoutMs = 60_000,
  log: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startOstrace(options: { exchanges: string[]; queue: string }): Promise<Ostrace> {
  const server = await startServer();
  let log = "";
  const worker: ChildProcess = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      AMQP_URL,
      DATABASE_URL: server.databaseUrl,
      OSTRACE_EXCHANGES: options.exchanges.join(","),
      OSTRACE_QUEUE: options.queue,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  worker.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const ostrace: Ostrace = {
    server,
    workerLog: () => log,
    async stop() {
      if (worker.exitCode === null && worker.signalCode === null) {
        worker.kill("SIGTERM");
        await exited;
      }
      await server.stop();
    },
  };
  try {
    await waitFor(
      "the collector to report itself connected",
      async () => {
        const status = (await (await fetch(`${server.url}/api/status`)).json()) as { connected: boolean };
        return status.connected ? true : null;
      },
      60_000,
      () => `worker log:\n${log}`,
    );
  } catch (error) {
    await ostrace.stop();
    throw error;
  }
  return ostrace;
}
