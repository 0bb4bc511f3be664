// Item 2: ingest latency at a steady 2,000 notifications/s. The real worker process
// (worker/main.ts) consumes, the real built web server (`next start`) answers; the benchmark
// publishes realistic traffic paced at 2,000/s for a warm-up plus >= 30 s and, every 250 ms,
// takes the notification being published as a probe: it polls GET /api/traces/{base_id}
// (If-None-Match, every 20 ms) until the probe's span shows its start (or stop) there.
// Latency = publish call -> the API response that shows it. The worker's RSS is sampled
// every second (item 5: bounded memory under sustained load).
//
//   npx tsx bench/latency.ts [--dialects sqlite,postgresql] [--rate 2000] [--seconds 30] [--warmup 3]
import { SpanFlag, type CompactTrace } from "../lib/trace";
import type { Dialect } from "../lib/db/client";
import { generateProfilerNotifications, type OsloDriver } from "../testing/synthetic";
import { createTestDb } from "../tests/support/testDb";
import { createBenchTopology, openBenchBroker } from "./support/broker";
import { sampleRss } from "./support/processes";
import { publishPaced, type Probe } from "./support/publishPaced";
import { createAreaResult, judge, noteStep, parseFlags, percentile, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { summarizeRss } from "./support/rss";
import { benchTraffic } from "./support/traffic";
import { startWebServer } from "./support/webServer";
import { startWorker } from "./support/workerProcess";

export const LATENCY_P95_BUDGET_MS = 500;
const POLL_MS = 20;
const PROBE_EVERY_MS = 250;
const VISIBLE_TIMEOUT_MS = 15_000;

export type LatencyOptions = { dialects: Dialect[]; rate: number; seconds: number; warmup: number; driver: OsloDriver };

export function parseLatencyOptions(argv: readonly string[]): LatencyOptions {
  const flags = parseFlags(argv);
  return {
    dialects: (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[],
    rate: Number(flags.get("rate") ?? 2000),
    seconds: Number(flags.get("seconds") ?? 30),
    warmup: Number(flags.get("warmup") ?? 3),
    driver: (flags.get("driver") ?? "messaging") as OsloDriver,
  };
}

export async function runLatencyBench(options: LatencyOptions): Promise<AreaResult> {
  const result = createAreaResult("latency");
  console.log(
    `# latency: ${options.rate}/s paced for ${options.warmup} s warm-up + ${options.seconds} s, publish -> visible in GET /api/traces/{id}`,
  );
  for (const dialect of options.dialects) await measureDialect(dialect, options, result);
  return result;
}

async function measureDialect(dialect: Dialect, options: LatencyOptions, result: AreaResult): Promise<void> {
  const db = await createTestDb(dialect);
  const broker = await openBenchBroker();
  const topology = createBenchTopology("bench-latency");
  await broker.declare(topology);
  noteStep(result, `${dialect}: starting next start and the worker`);
  const server = await startWebServer(db.url);
  const worker = await startWorker(broker, topology, db.url);
  const rss = sampleRss(worker.pid, 1000);
  try {
    const total = options.warmup + options.seconds;
    const traffic = generateProfilerNotifications(benchTraffic(Math.ceil(options.rate * (total + 5)), { seed: 11 }));
    const channel = await broker.connection.createChannel();
    const waits: Promise<void>[] = [];
    const samples: { second: number; ms: number | null }[] = [];
    noteStep(result, `${dialect}: publishing`);
    const published = await publishPaced({
      channel,
      topology,
      notifications: traffic[Symbol.iterator](),
      driver: options.driver,
      rate: options.rate,
      seconds: total,
      probeEveryMs: PROBE_EVERY_MS,
      onProbe: (probe) => waits.push(waitVisible(server.url, probe).then((ms) => void samples.push({ second: probe.second, ms }))),
      onSecond: (second) => {
        if (second % 10 === 0) noteStep(result, `${dialect}: ${second} s published`);
      },
    });
    await Promise.all(waits);
    // Everything published must end up stored.
    const stored = await waitStored(db, published.published);
    rss.stop();
    await channel.close();

    const measured = samples.filter((s) => s.second >= options.warmup);
    const values = measured.map((s) => s.ms ?? Infinity);
    const missing = values.filter((v) => v === Infinity).length;
    const p = (q: number) => round(percentile(values, q), 1);
    const memory = summarizeRss(rss.samples, options.warmup);
    result.figures[dialect] = {
      publishedRate: Math.round(published.rate),
      published: published.published,
      publishSeconds: round(published.seconds, 2),
      maxBehindSchedule: published.maxBehind,
      stored,
      probes: measured.length,
      notVisibleWithin15s: missing,
      p50Ms: p(50),
      p95Ms: p(95),
      p99Ms: p(99),
      maxMs: p(100),
      minMs: round(Math.min(...values), 1),
      pollMs: POLL_MS,
      workerRss: memory,
      latencyBySecond: measured.map((s) => [round(s.second, 2), s.ms === null ? null : round(s.ms, 1)]),
    };
    console.log(
      `  ${dialect}: published ${published.published} at ${Math.round(published.rate)}/s; ${measured.length} probes after warm-up: ` +
        `p50 ${p(50)} ms, p95 ${p(95)} ms, p99 ${p(99)} ms, max ${p(100)} ms (${missing} not visible); worker RSS ${memory.rss.minMiB}-${memory.rss.maxMiB} MiB (anonymous ${memory.anon.minMiB}-${memory.anon.maxMiB} MiB)`,
    );
    judge(
      result,
      `latency ${dialect} p95 publish -> visible through the API at ${options.rate}/s`,
      p(95),
      "<=",
      LATENCY_P95_BUDGET_MS,
      "ms",
      `p50 ${p(50)} ms, p99 ${p(99)} ms, ${measured.length} probes`,
    );
  } finally {
    rss.stop();
    const code = await worker.stop();
    if (code !== 0) console.warn(`worker exited with ${code}:\n${worker.output().slice(-2000)}`);
    await server.stop();
    await broker.cleanup(topology);
    await db.drop();
  }
}

/** Polls the trace until the probe's span shows the probed phase; ms since publish, or null. */
async function waitVisible(baseUrl: string, probe: Probe): Promise<number | null> {
  let etag: string | null = null;
  const flag = probe.phase === "start" ? SpanFlag.NO_START : SpanFlag.UNFINISHED;
  while (performance.now() - probe.publishedAt < VISIBLE_TIMEOUT_MS) {
    const response: Response = await fetch(`${baseUrl}/api/traces/${probe.traceId}`, { headers: etag ? { "if-none-match": etag } : {} });
    if (response.status === 200) {
      etag = response.headers.get("etag");
      const compact = (await response.json()) as CompactTrace;
      const at = performance.now();
      const i = compact.ids.indexOf(probe.spanId);
      if (i >= 0 && (compact.flags[i]! & flag) === 0) return at - probe.publishedAt;
    } else {
      await response.body?.cancel();
      if (response.status !== 304 && response.status !== 404) throw new Error(`GET /api/traces/${probe.traceId}: ${response.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

async function waitStored(db: Awaited<ReturnType<typeof createTestDb>>, expected: number): Promise<number> {
  let stored = 0;
  for (let i = 0; i < 300; i++) {
    const [row] = await db.prisma.$queryRawUnsafe<{ n: bigint | number | null }[]>(
      `SELECT SUM("start_count" + "stop_count") AS n FROM "trace"`,
    );
    stored = Number(row?.n ?? 0);
    if (stored === expected) return stored;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`stored ${stored} of ${expected} published notifications`);
}

runIfMain(import.meta.url, async () => {
  saveResult(await runLatencyBench(parseLatencyOptions(process.argv.slice(2))));
});
