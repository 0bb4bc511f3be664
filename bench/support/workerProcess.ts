// The real collector process (worker/main.ts, what `npm run worker` runs) on the benchmark's
// queue and exchanges, in its own process so its resident memory can be sampled.
import type { BenchBroker, BenchTopology } from "./broker";
import { AMQP_URL } from "./broker";
import { spawnTs, stopProcess } from "./processes";

export type WorkerProcess = { pid: number; output(): string; stop(): Promise<number | null> };

export async function startWorker(
  broker: BenchBroker,
  topology: BenchTopology,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawnTs("worker/main.ts", [], {
    DATABASE_URL: databaseUrl,
    AMQP_URL,
    OSTRACE_QUEUE: topology.queue,
    OSTRACE_EXCHANGES: topology.exchanges.join(","),
    LOG_LEVEL: "warn",
    ...env,
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  child.stderr!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  for (let i = 0; (await broker.consumerCount(topology.queue).catch(() => 0)) < 1; i++) {
    if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}:\n${log}`);
    if (i > 300) {
      await stopProcess(child);
      throw new Error(`the worker did not consume within 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { pid: child.pid!, output: () => log, stop: () => stopProcess(child) };
}
