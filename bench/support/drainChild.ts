// One drain of a pre-loaded queue, in a process of its own so the publisher's memory and CPU
// never mix with what is measured. Run by bench/ingest.ts:
//
//   node --import tsx bench/support/drainChild.ts '<DrainRequest JSON>'
//
// mode "collector": the real worker loop (runCollector + createCollectorStore, every batch
// committed before its multi-ack), stopping once the queue is empty.
// mode "baseline": a bare amqplib consumer (prefetch 1000, multi-ack every 250) that only
// JSON.parses each body (and its oslo.message for envelope v2) and acks.
// Prints one JSON line (DrainReport) on stdout.
import { readFileSync } from "node:fs";
import amqp from "amqplib";
import { loadConfig } from "../../lib/config";
import { openDb } from "../../lib/db/client";
import { createLogger } from "../../lib/log";
import { createCollectorStore } from "../../worker/createCollectorStore";
import { runCollector } from "../../worker/runCollector";

export type DrainRequest = {
  mode: "collector" | "baseline";
  amqpUrl: string;
  queue: string;
  exchanges: string[];
  /** Messages in the queue: the baseline stops after this many. */
  expected: number;
  envelope: "1.0" | "2.0";
  databaseUrl?: string;
  batchSize?: number;
  prefetch?: number;
  /**
   * Collector mode: wait until this time (ms since the epoch) after opening the database, so
   * several collectors started together (bench/scaleout.ts) begin draining at one moment.
   */
  startAt?: number;
};

export type DrainReport = {
  mode: DrainRequest["mode"];
  received: number;
  /** From the consumer being registered to the last commit (collector) or ack. */
  seconds: number;
  /** Until the collector noticed the empty queue and stopped (its drain check polls every 100 ms). */
  secondsUntilStopped: number;
  rate: number;
  counters?: Record<string, unknown>;
  /** CPU time of this process (all of it, start-up included), seconds: robust to a busy machine where wall time is not. */
  cpuSeconds?: number;
  /** Resident set size of this process, MiB, sampled every 250 ms. */
  rssMiB: number[];
  batchSize?: number;
  prefetch?: number;
  /** When consuming began and when the last batch committed, ms since the epoch (comparable across processes). */
  startedAtEpochMs?: number;
  lastCommitEpochMs?: number;
  /** CPU time of this process from consuming to the end, seconds (without start-up). */
  drainCpuSeconds?: number;
  /** The same for the main thread alone (Linux; the rest is V8's helper threads: garbage collection, compiling). */
  drainMainThreadCpuSeconds?: number;
  /** How late this process reached startAt, ms (0 when it waited). */
  lateMs?: number;
};

const BASELINE_PREFETCH = 1000;
const BASELINE_ACK_EVERY = 250;

async function drainWithCollector(request: DrainRequest, sampleRss: () => void): Promise<DrainReport> {
  const db = await openDb(request.databaseUrl!, { mapFile: false }); // as worker/main.ts
  const env: Record<string, string> = {};
  if (request.batchSize) env.OSTRACE_BATCH_SIZE = String(request.batchSize);
  if (request.prefetch) env.OSTRACE_PREFETCH = String(request.prefetch);
  const config = { ...loadConfig(env), amqpUrls: [request.amqpUrl], queue: request.queue, exchanges: request.exchanges };
  const store = createCollectorStore(db);
  let lateMs = 0;
  if (request.startAt !== undefined) {
    lateMs = Math.max(0, Date.now() - request.startAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, request.startAt! - Date.now())));
  }
  let lastCommitAt = 0;
  let t0 = performance.now();
  const collector = runCollector({
    config,
    store: {
      ...store,
      async storeBatch(batch, carryable) {
        const result = await store.storeBatch(batch, carryable);
        lastCommitAt = performance.now();
        return result;
      },
    },
    log: createLogger("bench.collector", "warn"),
    stopWhenDrained: true,
  });
  // Timed from consuming (topology declared, consumer registered) as the baseline is.
  await collector.whenConsuming();
  t0 = performance.now();
  const cpuAtStart = process.cpuUsage();
  const mainThreadAtStart = readThreadCpuSeconds();
  await collector.done;
  const cpuDrain = process.cpuUsage(cpuAtStart);
  const mainThreadDrain = readThreadCpuSeconds() - mainThreadAtStart;
  const stoppedAt = performance.now();
  await db.close();
  sampleRss();
  const seconds = (lastCommitAt - t0) / 1000;
  return {
    mode: "collector",
    received: collector.counters.received,
    seconds,
    secondsUntilStopped: (stoppedAt - t0) / 1000,
    rate: collector.counters.received / seconds,
    counters: { ...collector.counters },
    rssMiB: [],
    batchSize: config.batchSize,
    prefetch: config.prefetch,
    startedAtEpochMs: performance.timeOrigin + t0,
    lastCommitEpochMs: performance.timeOrigin + lastCommitAt,
    drainCpuSeconds: (cpuDrain.user + cpuDrain.system) / 1e6,
    drainMainThreadCpuSeconds: mainThreadDrain,
    lateMs,
  };
}

/** CPU time of the calling thread, seconds, from /proc (utime + stime in clock ticks of 10 ms); NaN where there is none. */
function readThreadCpuSeconds(): number {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    // The fields after the command name, which is in parentheses: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function drainWithBareConsumer(request: DrainRequest): Promise<DrainReport> {
  const connection = await amqp.connect(request.amqpUrl, { noDelay: true });
  const channel = await connection.createChannel();
  await channel.prefetch(BASELINE_PREFETCH);
  let received = 0;
  let parsedKeys = 0;
  let lastAckAt = 0;
  let t0 = performance.now();
  let cpuAtStart = process.cpuUsage();
  await new Promise<void>((resolve, reject) => {
    void channel
      .consume(request.queue, (message) => {
        if (!message) return reject(new Error("consumer cancelled"));
        received++;
        const body = JSON.parse(message.content.toString("utf8")) as Record<string, unknown>;
        const inner = request.envelope === "2.0" ? (JSON.parse(body["oslo.message"] as string) as Record<string, unknown>) : body;
        if (inner.payload) parsedKeys++;
        if (received % BASELINE_ACK_EVERY === 0 || received === request.expected) {
          channel.ack(message, true);
          lastAckAt = performance.now();
        }
        if (received === request.expected) resolve();
      })
      .then(() => {
        t0 = performance.now();
        cpuAtStart = process.cpuUsage();
      }, reject);
  });
  const cpuDrain = process.cpuUsage(cpuAtStart);
  await channel.close();
  await connection.close();
  if (parsedKeys !== received) throw new Error(`baseline: ${received - parsedKeys} messages without a payload`);
  const seconds = (lastAckAt - t0) / 1000;
  return {
    mode: "baseline",
    received,
    seconds,
    secondsUntilStopped: seconds,
    rate: received / seconds,
    rssMiB: [],
    drainCpuSeconds: (cpuDrain.user + cpuDrain.system) / 1e6,
  };
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? "") as DrainRequest;
  const rssMiB: number[] = [];
  const sampleRss = () => rssMiB.push(Math.round((process.memoryUsage.rss() / 2 ** 20) * 10) / 10);
  const sampler = setInterval(sampleRss, 250);
  sampleRss();
  const report = request.mode === "collector" ? await drainWithCollector(request, sampleRss) : await drainWithBareConsumer(request);
  clearInterval(sampler);
  report.rssMiB = rssMiB;
  const cpu = process.cpuUsage();
  report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
