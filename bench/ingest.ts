// Item 1: ingest throughput. 200k realistic notifications are pre-loaded in a durable queue
// (published with confirms, persistent), then the real collector loop (runCollector, every
// batch committed before its multi-ack) drains them in a process of its own. Baseline in the
// same run, on the same messages: a bare amqplib consumer (prefetch 1000, multi-ack) that only
// JSON.parses the body (and oslo.message for envelope v2) and acks. Afterwards the database
// must hold every notification: a run that lost data fails the benchmark.
//
//   npx tsx bench/ingest.ts [--dialects sqlite,postgresql] [--runs 3] [--notifications 200000]
//                           [--driver messaging|messagingv2] [--batch-size N] [--prefetch N] [--against <commit>]
//
// --against <commit>: that commit's collector (and its bare drain: its bench/support/drainChild.ts,
// from a snapshot of its tree, bench/support/snapshotTree.ts) drains the same messages in the same
// runs, in alternation with this tree's (ABBA), each collector after a bare drain of its own: a
// change of the ratio is then told apart from a change of the machine's load. Only this tree's
// figures are judged; the other's are reported under "<dialect> at <commit>".
import type { Db, Dialect } from "../lib/db/client";
import type { OsloDriver } from "../testing/synthetic";
import { createTestDb } from "../tests/support/testDb";
import { AMQP_URL, createBenchTopology, openBenchBroker, type BenchBroker, type BenchTopology } from "./support/broker";
import type { DrainReport, DrainRequest } from "./support/drainChild";
import { loadavg } from "node:os";
import { ROOT, runTsForJson } from "./support/processes";
import { createAreaResult, judge, median, noteStep, parseFlags, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { sampleServiceCpu, type ServiceCpu } from "./support/serviceCpu";
import { ensureSnapshotTree } from "./support/snapshotTree";
import { resolveCommit } from "./support/webServer";
import { benchMessages, benchTraffic, envelopeOf, takeCensus, type TrafficCensus } from "./support/traffic";

export const INGEST_BUDGETS: Record<Dialect, number> = { sqlite: 25_000, postgresql: 20_000 };
// Issue 14, goal 2: the collector at 0.8x the bare amqplib drain of the same messages, in the same run.
export const BASELINE_RATIO_BUDGET = 0.8;

export type IngestOptions = {
  dialects: Dialect[];
  runs: number;
  notifications: number;
  driver: OsloDriver;
  batchSize?: number;
  prefetch?: number;
  /** Another commit whose collector drains in the same runs (each after a bare drain of its own), alternating with this tree's. */
  against?: string | null;
};

export function parseIngestOptions(argv: readonly string[]): IngestOptions {
  const flags = parseFlags(argv);
  return {
    dialects: (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[],
    runs: Number(flags.get("runs") ?? 3),
    notifications: Number(flags.get("notifications") ?? 200_000),
    driver: (flags.get("driver") ?? "messaging") as OsloDriver,
    ...(flags.has("batch-size") ? { batchSize: Number(flags.get("batch-size")) } : {}),
    ...(flags.has("prefetch") ? { prefetch: Number(flags.get("prefetch")) } : {}),
    against: flags.get("against") ?? null,
  };
}

export async function runIngestBench(options: IngestOptions): Promise<AreaResult> {
  const result = createAreaResult(options.driver === "messaging" ? "ingest" : "ingest-v2");
  const traffic = benchTraffic(options.notifications);
  console.log(
    `# ingest: ${options.notifications.toLocaleString("en")} notifications pre-loaded, oslo message format ${envelopeOf(options.driver)} (driver "${options.driver}")`,
  );
  const census = takeCensus(traffic, options.driver);
  console.log(
    `traffic: ${census.traces} traces, ${census.spans} spans, ${census.starts} starts + ${census.stops} stops, mean body ${census.meanBodyBytes} B, exchanges ${JSON.stringify(census.byExchange)}`,
  );
  result.figures.traffic = { ...census, seed: traffic.seed, scenario: "mixed", driver: options.driver };

  const against = options.against ? resolveCommit(options.against) : null;
  const builds: Build[] = [{ label: "this tree", root: ROOT }];
  if (against) {
    builds.push({ label: against.slice(0, 12), root: ensureSnapshotTree(against) });
    console.log(
      `against ${against.slice(0, 12)}: its collector drains in the same runs, each after its own bare drain, the order alternating`,
    );
  }
  const broker = await openBenchBroker();
  const topology = createBenchTopology("bench-ingest");
  await broker.declare(topology);
  try {
    for (const dialect of options.dialects) {
      const runs = new Map<Build, Run[]>(builds.map((b) => [b, []]));
      for (let run = 1; run <= options.runs; run++) {
        // ABBA...: a drift of the load over the run falls on both builds alike.
        const order = run % 2 === 1 ? builds : [...builds].reverse();
        for (const build of order) {
          const name = builds.length > 1 ? `${dialect} run ${run} (${build.label})` : `${dialect} run ${run}`;
          if (builds.length > 1) console.log(`${name}:`);
          runs.get(build)!.push(await measureRun(broker, topology, options, census, result, dialect, name, build.root));
        }
      }
      for (const build of builds) {
        const measured = runs.get(build)!;
        const key = build.root === ROOT ? dialect : `${dialect} at ${build.label}`;
        result.figures[key] = summarizeRuns(measured);
        if (build.root !== ROOT) {
          console.log(
            `  ${key}: median ratio ${median(measured.map((r) => r.ratio)).toFixed(2)} x (${measured.map((r) => r.ratio.toFixed(2)).join(" / ")})`,
          );
          continue;
        }
        const rate = median(measured.map((r) => r.collector.rate));
        const ratio = median(measured.map((r) => r.ratio));
        if (builds.length > 1)
          console.log(
            `  ${dialect} (this tree): median ratio ${ratio.toFixed(2)} x (${measured.map((r) => r.ratio.toFixed(2)).join(" / ")})`,
          );
        judge(result, `ingest ${dialect} (median of ${measured.length})`, rate, ">=", INGEST_BUDGETS[dialect], "notifications/s");
        judge(result, `ingest ${dialect} / bare amqplib baseline (median of ${measured.length})`, ratio, ">=", BASELINE_RATIO_BUDGET, "x");
      }
    }
  } finally {
    await broker.cleanup(topology);
  }
  return result;
}

type Build = { label: string; root: string };

type Run = {
  baseline: DrainReport;
  collector: DrainReport;
  ratio: number;
  publishRate: number;
  baselineServices: Services;
  collectorServices: Services;
  /** The 1-minute load average when each drain ended. */
  baselineLoad: number;
  collectorLoad: number;
};

/** One run: a bare drain, then the collector of the tree at `root` draining the same messages into a fresh database. */
async function measureRun(
  broker: BenchBroker,
  topology: BenchTopology,
  options: IngestOptions,
  census: TrafficCensus,
  result: AreaResult,
  dialect: Dialect,
  name: string,
  root: string,
): Promise<Run> {
  const publishRate = await preload(broker, topology, options, census, result, `${name}: publish for the baseline`);
  noteStep(result, `${name}: baseline drains`);
  const baselineSampler = sampleServiceCpu(null);
  const baseline = await drain(topology, options, census, "baseline", undefined, root);
  const baselineServices = baselineSampler.stop();
  const baselineLoad = loadavg()[0]!;
  await expectEmpty(broker, topology);
  console.log(
    `  baseline: ${Math.round(baseline.rate).toLocaleString("en")}/s (${baseline.seconds.toFixed(2)} s, process CPU ${baseline.cpuSeconds?.toFixed(2)} s; ` +
      `${describeCpuPerNotification(baseline, baselineServices, census.notifications)}; load ${baselineLoad.toFixed(1)})`,
  );

  await preload(broker, topology, options, census, result, `${name}: publish for the collector`);
  const db = await createTestDb(dialect);
  try {
    noteStep(result, `${name}: collector drains`);
    const collectorSampler = sampleServiceCpu(dialect === "postgresql" ? new URL(db.url).pathname.slice(1) : null);
    const collector = await drain(topology, options, census, "collector", db.url, root);
    const collectorServices = collectorSampler.stop();
    const collectorLoad = loadavg()[0]!;
    await expectEmpty(broker, topology);
    await verifyStored(db, census, collector);
    const ratio = collector.rate / baseline.rate;
    console.log(
      `  collector: ${Math.round(collector.rate).toLocaleString("en")}/s (${collector.seconds.toFixed(2)} s to the last commit, ` +
        `${collector.secondsUntilStopped.toFixed(2)} s until stopped; batch ${collector.batchSize}, prefetch ${collector.prefetch}; ` +
        `process CPU ${collector.cpuSeconds?.toFixed(2)} s, RSS max ${Math.max(...collector.rssMiB)} MiB) = ${ratio.toFixed(2)} x baseline; all ${census.notifications} notifications stored; ` +
        `${describeCpuPerNotification(collector, collectorServices, census.notifications)}; load ${collectorLoad.toFixed(1)}`,
    );
    return { baseline, collector, ratio, publishRate, baselineServices, collectorServices, baselineLoad, collectorLoad };
  } finally {
    await db.drop();
  }
}

function summarizeRuns(runs: readonly Run[]): Record<string, unknown> {
  return {
    collectorRates: runs.map((r) => Math.round(r.collector.rate)),
    baselineRates: runs.map((r) => Math.round(r.baseline.rate)),
    ratios: runs.map((r) => round(r.ratio, 3)),
    publishRates: runs.map((r) => Math.round(r.publishRate)),
    medianCollectorRate: Math.round(median(runs.map((r) => r.collector.rate))),
    medianBaselineRate: Math.round(median(runs.map((r) => r.baseline.rate))),
    medianRatio: round(median(runs.map((r) => r.ratio)), 3),
    baselineLoads: runs.map((r) => round(r.baselineLoad, 1)),
    collectorLoads: runs.map((r) => round(r.collectorLoad, 1)),
    collectorRssMaxMiB: runs.map((r) => Math.max(...r.collector.rssMiB)),
    collectorCpuSeconds: runs.map((r) => round(r.collector.cpuSeconds ?? NaN, 2)),
    baselineCpuSeconds: runs.map((r) => round(r.baseline.cpuSeconds ?? NaN, 2)),
    // The same from the consumer's registration to the end: without the process's start-up (tsx, Prisma).
    collectorDrainCpuSeconds: runs.map((r) => round(r.collector.drainCpuSeconds ?? NaN, 2)),
    baselineDrainCpuSeconds: runs.map((r) => round(r.baseline.drainCpuSeconds ?? NaN, 2)),
    // The collector's main thread alone over the same span (the rest: V8's helper threads).
    collectorDrainMainThreadCpuSeconds: runs.map((r) => round(r.collector.drainMainThreadCpuSeconds ?? NaN, 2)),
    // CPU of RabbitMQ and PostgreSQL (all of their processes on this machine) during each drain.
    baselineServiceCpuSeconds: runs.map((r) => roundServices(r.baselineServices)),
    collectorServiceCpuSeconds: runs.map((r) => roundServices(r.collectorServices)),
    collectorCounters: runs.map((r) => r.collector.counters),
    batchSize: runs[0]?.collector.batchSize,
    prefetch: runs[0]?.collector.prefetch,
  };
}

async function preload(
  broker: BenchBroker,
  topology: BenchTopology,
  options: IngestOptions,
  census: TrafficCensus,
  result: AreaResult,
  step: string,
): Promise<number> {
  noteStep(result, step);
  const t0 = performance.now();
  const published = await broker.publishConfirmed(topology, benchMessages(benchTraffic(options.notifications), options.driver));
  const seconds = (performance.now() - t0) / 1000;
  const queued = await broker.messageCount(topology.queue);
  if (published !== census.notifications || queued !== census.notifications) {
    throw new Error(`pre-load: published ${published}, queued ${queued}, expected ${census.notifications}`);
  }
  return published / seconds;
}

function drain(
  topology: BenchTopology,
  options: IngestOptions,
  census: TrafficCensus,
  mode: DrainRequest["mode"],
  databaseUrl: string | undefined,
  root: string,
): Promise<DrainReport> {
  const request: DrainRequest = {
    mode,
    amqpUrl: AMQP_URL,
    queue: topology.queue,
    exchanges: topology.exchanges,
    expected: census.notifications,
    envelope: envelopeOf(options.driver),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.prefetch ? { prefetch: options.prefetch } : {}),
  };
  return runTsForJson<DrainReport>("bench/support/drainChild.ts", [JSON.stringify(request)], {}, root);
}

type Services = ServiceCpu & { databaseBackendSeconds: number };

/** Microseconds of CPU per notification: the drain process, RabbitMQ, PostgreSQL (all of it, and the drain's database's backends). */
function describeCpuPerNotification(report: DrainReport, services: Services, notifications: number): string {
  const us = (seconds: number) => ((seconds * 1e6) / notifications).toFixed(1);
  return (
    `CPU per notification: drain process ${us(report.cpuSeconds ?? NaN)} us (${us(report.drainCpuSeconds ?? NaN)} us without start-up` +
    (report.drainMainThreadCpuSeconds === undefined ? "" : `, of which the main thread ${us(report.drainMainThreadCpuSeconds)} us`) +
    `), RabbitMQ ${us(services.rabbitmqSeconds)} us, ` +
    `PostgreSQL ${us(services.postgresSeconds)} us (the drain's database's backends ${us(services.databaseBackendSeconds)} us)`
  );
}

function roundServices(services: Services): Services {
  return {
    rabbitmqSeconds: round(services.rabbitmqSeconds, 2),
    postgresSeconds: round(services.postgresSeconds, 2),
    databaseBackendSeconds: round(services.databaseBackendSeconds, 2),
  };
}

async function expectEmpty(broker: BenchBroker, topology: BenchTopology): Promise<void> {
  const left = await broker.messageCount(topology.queue);
  if (left !== 0) throw new Error(`${left} messages left in the queue after the drain`);
}

/** Every notification must be in the database: spans, starts and stops counted in SQL. */
async function verifyStored(db: Db, census: TrafficCensus, report: DrainReport): Promise<void> {
  const [row] = await db.prisma.$queryRawUnsafe<{ spans: bigint | number; starts: bigint | number; stops: bigint | number }[]>(
    `SELECT COUNT(*) AS spans, COUNT("start_us") AS starts, COUNT("stop_us") AS stops FROM "span"`,
  );
  const [traces] = await db.prisma.$queryRawUnsafe<{ traces: bigint | number; notifications: bigint | number | null }[]>(
    `SELECT COUNT(*) AS traces, SUM("start_count" + "stop_count") AS notifications FROM "trace"`,
  );
  const stored = {
    spans: Number(row!.spans),
    starts: Number(row!.starts),
    stops: Number(row!.stops),
    traces: Number(traces!.traces),
    notifications: Number(traces!.notifications),
  };
  const expected = {
    spans: census.spans,
    starts: census.starts,
    stops: census.stops,
    traces: census.traces,
    notifications: census.notifications,
  };
  const counters = report.counters as { notificationsStored?: number; quarantined?: number } | undefined;
  if (
    JSON.stringify(stored) !== JSON.stringify(expected) ||
    counters?.notificationsStored !== census.notifications ||
    counters.quarantined !== 0
  ) {
    throw new Error(
      `data lost: stored ${JSON.stringify(stored)}, counters ${JSON.stringify(report.counters)}, expected ${JSON.stringify(expected)}`,
    );
  }
}

runIfMain(import.meta.url, async () => {
  saveResult(await runIngestBench(parseIngestOptions(process.argv.slice(2))));
});
