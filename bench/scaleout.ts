// Issue 16: several collectors on one queue and one PostgreSQL database. Each step pre-loads the
// same realistic notifications into a durable queue, then 1, 2 and 3 collector processes (the
// real worker loop, bench/support/drainChild.ts) drain it together, released at one moment.
// Baseline in the same run, on the same messages: the bare amqplib consumer of bench/ingest.ts.
//
// Besides throughput it measures what a projection to more cores needs, per notification: CPU
// of the collector processes (from consuming to the end), CPU of their PostgreSQL backends
// (/proc, sampled every 100 ms) and of the RabbitMQ node (shared with anything else using it);
// and how much the per-trace locks make writers wait: the share of the backends' in-transaction
// samples spent waiting on an advisory lock (pg_stat_activity, every 100 ms); and how many
// deliveries were carried past a busy trace and how many ack frames that cost. Every run must
// store every notification exactly once, or the benchmark fails.
//
//   npx tsx bench/scaleout.ts [--collectors 1,2,3] [--runs 1] [--notifications 60000] [--batch-size N]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { SPACES } from "../lib/db/takeKeyLocks";
import { createTestDb } from "../tests/support/testDb";
import { AMQP_URL, createBenchTopology, openBenchBroker, type BenchBroker, type BenchTopology } from "./support/broker";
import type { DrainReport, DrainRequest } from "./support/drainChild";
import { runTsForJson } from "./support/processes";
import { createAreaResult, judge, median, noteStep, parseFlags, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { benchMessages, benchTraffic, envelopeOf, takeCensus, type TrafficCensus } from "./support/traffic";

/** Time the collector processes get to start (tsx, database pool) before they are released together. */
const START_ALLOWANCE_MS = 12_000;
const RABBIT_PID_FILE = "/var/lib/rabbitmq/mnesia/rabbit@localhost.pid";
const TICKS_PER_SECOND = 100;

type ScaleOutOptions = { collectors: number[]; runs: number; notifications: number; batchSize?: number };

export function parseScaleOutOptions(argv: readonly string[]): ScaleOutOptions {
  const flags = parseFlags(argv);
  return {
    collectors: (flags.get("collectors") ?? "1,2,3").split(",").map(Number),
    runs: Number(flags.get("runs") ?? 1),
    notifications: Number(flags.get("notifications") ?? 60_000),
    ...(flags.has("batch-size") ? { batchSize: Number(flags.get("batch-size")) } : {}),
  };
}

type Step = {
  collectors: number;
  rate: number;
  collectorCpuUsPerNotification: number;
  postgresCpuUsPerNotification: number;
  rabbitCpuUsPerNotification: number | null;
  lockWaitShare: number;
  /** The same split by what was waited for: a trace's lock, a detail text's lock (lib/db/upsertSpanDetails.ts), anything else. */
  lockWaitShareBySpace: { trace: number; detail: number; other: number };
  meanWaitingBackends: number;
  lateMs: number;
  /** Deliveries carried into a later batch, and ack frames sent, per notification (worker/createBatchCommitter.ts). */
  carriedPerNotification: number;
  ackFramesPerNotification: number;
  load: number[];
};

export async function runScaleOutBench(options: ScaleOutOptions): Promise<AreaResult> {
  const result = createAreaResult("scaleout");
  const traffic = benchTraffic(options.notifications);
  const census = takeCensus(traffic, "messaging");
  console.log(
    `# scaleout: ${census.notifications.toLocaleString("en")} notifications (${census.traces} traces) pre-loaded, drained by ${options.collectors.join(", ")} collectors on PostgreSQL`,
  );
  result.figures.traffic = census;
  const broker = await openBenchBroker();
  const topology = createBenchTopology("bench-scaleout");
  await broker.declare(topology);
  const steps: Step[] = [];
  const baselines: number[] = [];
  try {
    for (let run = 1; run <= options.runs; run++) {
      await preload(broker, topology, census, result, `run ${run}: publish for the baseline`);
      noteStep(result, `run ${run}: baseline drains`);
      const baseline = await runTsForJson<DrainReport>("bench/support/drainChild.ts", [
        JSON.stringify(request(topology, census, "baseline")),
      ]);
      baselines.push(baseline.rate);
      console.log(`  run ${run} baseline (bare amqplib consumer): ${Math.round(baseline.rate).toLocaleString("en")}/s`);
      for (const k of options.collectors) {
        await preload(broker, topology, census, result, `run ${run}: publish for ${k} collectors`);
        noteStep(result, `run ${run}: ${k} collectors drain`);
        const step = await drainWith(k, broker, topology, census, options);
        steps.push(step);
        console.log(
          `  run ${run}, ${k} collector${k > 1 ? "s" : ""}: ${Math.round(step.rate).toLocaleString("en")}/s (${(step.rate / baseline.rate).toFixed(2)} x baseline); ` +
            `CPU per notification: collectors ${step.collectorCpuUsPerNotification.toFixed(1)} us, PostgreSQL ${step.postgresCpuUsPerNotification.toFixed(1)} us, ` +
            `RabbitMQ ${step.rabbitCpuUsPerNotification?.toFixed(1) ?? "?"} us; lock waits ${(step.lockWaitShare * 100).toFixed(1)}% of in-transaction samples ` +
            `(trace ${(step.lockWaitShareBySpace.trace * 100).toFixed(1)}%, detail text ${(step.lockWaitShareBySpace.detail * 100).toFixed(1)}%, ` +
            `other ${(step.lockWaitShareBySpace.other * 100).toFixed(1)}%; mean ${step.meanWaitingBackends.toFixed(2)} backends waiting); carried ${step.carriedPerNotification.toFixed(3)} and ` +
            `${step.ackFramesPerNotification.toFixed(3)} ack frames per notification; load ${step.load.join(" ")}`,
        );
      }
    }
  } finally {
    await broker.cleanup(topology);
  }

  const byK = new Map<number, Step[]>();
  for (const s of steps) byK.set(s.collectors, [...(byK.get(s.collectors) ?? []), s]);
  const baselineRate = median(baselines);
  const table = [...byK].map(([k, list]) => ({
    collectors: k,
    rate: Math.round(median(list.map((s) => s.rate))),
    rates: list.map((s) => Math.round(s.rate)),
    ratioToBaseline: round(median(list.map((s) => s.rate)) / baselineRate, 3),
    collectorCpuUsPerNotification: round(median(list.map((s) => s.collectorCpuUsPerNotification)), 1),
    postgresCpuUsPerNotification: round(median(list.map((s) => s.postgresCpuUsPerNotification)), 1),
    rabbitCpuUsPerNotification:
      list[0]!.rabbitCpuUsPerNotification === null ? null : round(median(list.map((s) => s.rabbitCpuUsPerNotification ?? 0)), 1),
    lockWaitShare: round(median(list.map((s) => s.lockWaitShare)), 4),
    traceLockWaitShare: round(median(list.map((s) => s.lockWaitShareBySpace.trace)), 4),
    detailLockWaitShare: round(median(list.map((s) => s.lockWaitShareBySpace.detail)), 4),
    meanWaitingBackends: round(median(list.map((s) => s.meanWaitingBackends)), 3),
    carriedPerNotification: round(median(list.map((s) => s.carriedPerNotification)), 3),
    ackFramesPerNotification: round(median(list.map((s) => s.ackFramesPerNotification)), 3),
    load: list.map((s) => s.load),
  }));
  result.figures.baselineRates = baselines.map(Math.round);
  result.figures.steps = table;
  console.log(
    "\n  collectors | notifications/s | x baseline | collector CPU us/n | PostgreSQL CPU us/n | RabbitMQ CPU us/n | lock-wait share (trace / detail text) | carried/n | ack frames/n",
  );
  for (const row of table) {
    console.log(
      `  ${row.collectors} | ${row.rate} | ${row.ratioToBaseline} | ${row.collectorCpuUsPerNotification} | ${row.postgresCpuUsPerNotification} | ${row.rabbitCpuUsPerNotification ?? "?"} | ${(row.lockWaitShare * 100).toFixed(1)}% (${(row.traceLockWaitShare * 100).toFixed(1)}% / ${(row.detailLockWaitShare * 100).toFixed(1)}%) | ${row.carriedPerNotification} | ${row.ackFramesPerNotification}`,
    );
  }
  const one = table.find((r) => r.collectors === 1);
  for (const row of table) {
    if (row.collectors === 1 || !one) continue;
    judge(
      result,
      `scaleout: ${row.collectors} collectors / 1 collector`,
      row.rate / one.rate,
      ">=",
      1,
      "x",
      "a 2-core machine shared by PostgreSQL, RabbitMQ and every collector: see the CPU per notification for the projection",
    );
    judge(
      result,
      `scaleout: ${row.collectors} collectors, share of in-transaction time waiting on per-trace locks`,
      row.lockWaitShare,
      "<=",
      0.1,
      "",
    );
  }
  return result;
}

function request(
  topology: BenchTopology,
  census: TrafficCensus,
  mode: DrainRequest["mode"],
  extra: Partial<DrainRequest> = {},
): DrainRequest {
  return {
    mode,
    amqpUrl: AMQP_URL,
    queue: topology.queue,
    exchanges: topology.exchanges,
    expected: census.notifications,
    envelope: envelopeOf("messaging"),
    ...extra,
  };
}

async function preload(
  broker: BenchBroker,
  topology: BenchTopology,
  census: TrafficCensus,
  result: AreaResult,
  step: string,
): Promise<void> {
  noteStep(result, step);
  const published = await broker.publishConfirmed(topology, benchMessages(benchTraffic(census.notifications), "messaging"));
  const queued = await broker.messageCount(topology.queue);
  if (published !== census.notifications || queued !== census.notifications)
    throw new Error(`pre-load: published ${published}, queued ${queued}, expected ${census.notifications}`);
}

async function drainWith(
  k: number,
  broker: BenchBroker,
  topology: BenchTopology,
  census: TrafficCensus,
  options: ScaleOutOptions,
): Promise<Step> {
  const db = await createTestDb("postgresql");
  const dbName = new URL(db.url).pathname.slice(1);
  const monitor = new pg.Client({ connectionString: db.url });
  await monitor.connect();
  try {
    const startAt = Date.now() + START_ALLOWANCE_MS;
    const extra: Partial<DrainRequest> = { databaseUrl: db.url, startAt, ...(options.batchSize ? { batchSize: options.batchSize } : {}) };
    const children = Array.from({ length: k }, () =>
      runTsForJson<DrainReport>("bench/support/drainChild.ts", [JSON.stringify(request(topology, census, "collector", extra))]),
    );
    const sampler = sampleDatabase(monitor, dbName);
    const rabbitBefore = readRabbitCpu();
    const reports = await Promise.all(children);
    const rabbitAfter = readRabbitCpu();
    const samples = await sampler.stop();
    const left = await broker.messageCount(topology.queue);
    if (left !== 0) throw new Error(`${left} messages left in the queue after the drain`);

    const received = reports.reduce((n, r) => n + r.received, 0);
    const counters = reports.map(
      (r) => r.counters as { notificationsStored: number; duplicates: number; quarantined: number; carried?: number; ackFrames?: number },
    );
    const stored = counters.reduce((n, c) => n + c.notificationsStored, 0);
    const [row] = (await monitor.query<{ n: number }>(`SELECT sum("start_count" + "stop_count")::int AS "n" FROM "trace"`)).rows;
    if (row!.n !== census.notifications || stored !== census.notifications || counters.some((c) => c.quarantined !== 0)) {
      throw new Error(
        `data lost or doubled: trace table holds ${row!.n} halves, collectors stored ${stored} of ${received} received, expected ${census.notifications}`,
      );
    }
    const start = Math.min(...reports.map((r) => r.startedAtEpochMs!));
    const end = Math.max(...reports.map((r) => r.lastCommitEpochMs!));
    const perNotification = (seconds: number) => (seconds * 1e6) / census.notifications;
    return {
      collectors: k,
      rate: census.notifications / ((end - start) / 1000),
      collectorCpuUsPerNotification: perNotification(reports.reduce((s, r) => s + r.drainCpuSeconds!, 0)),
      postgresCpuUsPerNotification: perNotification(samples.backendCpuSeconds),
      rabbitCpuUsPerNotification: rabbitBefore !== null && rabbitAfter !== null ? perNotification(rabbitAfter - rabbitBefore) : null,
      lockWaitShare: samples.inTransaction === 0 ? 0 : samples.waiting / samples.inTransaction,
      lockWaitShareBySpace: {
        trace: samples.inTransaction === 0 ? 0 : samples.waitingBySpace.trace / samples.inTransaction,
        detail: samples.inTransaction === 0 ? 0 : samples.waitingBySpace.detail / samples.inTransaction,
        other: samples.inTransaction === 0 ? 0 : samples.waitingBySpace.other / samples.inTransaction,
      },
      meanWaitingBackends: samples.count === 0 ? 0 : samples.waiting / samples.count,
      lateMs: Math.max(...reports.map((r) => r.lateMs ?? 0)),
      // Absent (0) before the collector counted them: the bench can measure an older commit.
      carriedPerNotification: counters.reduce((n, c) => n + (c.carried ?? 0), 0) / census.notifications,
      ackFramesPerNotification: counters.reduce((n, c) => n + (c.ackFrames ?? 0), 0) / census.notifications,
      load: loadavg().map((x) => round(x, 2)),
    };
  } finally {
    await monitor.end().catch(() => undefined);
    await db.drop();
  }
}

/** Every 100 ms: how many of the database's backends are in a transaction, how many wait on an advisory lock, and their CPU so far. */
function sampleDatabase(monitor: pg.Client, dbName: string) {
  const cpuByPid = new Map<number, { first: number; last: number }>();
  const totals = { count: 0, inTransaction: 0, waiting: 0, waitingBySpace: { trace: 0, detail: 0, other: 0 } };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      // A two-key advisory lock (lib/db/takeKeyLocks.ts) shows its space as classid with objsubid 2.
      const { rows } = await monitor.query<{ pid: number; state: string | null; wait_event: string | null; space: number | null }>(
        `SELECT a.pid, a.state, a.wait_event, w.space
           FROM pg_stat_activity AS a
           LEFT JOIN LATERAL (SELECT CASE WHEN l.objsubid = 2 THEN l.classid::int END AS space FROM pg_locks AS l
                               WHERE l.pid = a.pid AND NOT l.granted AND l.locktype = 'advisory' LIMIT 1) AS w ON true
          WHERE a.datname = $1 AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'`,
        [dbName],
      );
      totals.count++;
      for (const r of rows) {
        if (r.state === "active" || r.state === "idle in transaction") totals.inTransaction++;
        if (r.wait_event === "advisory") {
          totals.waiting++;
          totals.waitingBySpace[r.space === SPACES.trace ? "trace" : r.space === SPACES.detail ? "detail" : "other"]++;
        }
        const cpu = readProcessCpu(r.pid);
        if (cpu === null) continue;
        const seen = cpuByPid.get(r.pid);
        if (seen) seen.last = cpu;
        else cpuByPid.set(r.pid, { first: cpu, last: cpu });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      let backendCpuSeconds = 0;
      for (const { first, last } of cpuByPid.values()) backendCpuSeconds += last - first;
      return { ...totals, backendCpuSeconds };
    },
  };
}

/** utime + stime of a process, seconds; null when it is gone or not readable. */
function readProcessCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function readRabbitCpu(): number | null {
  try {
    return readProcessCpu(Number(readFileSync(RABBIT_PID_FILE, "utf8").trim()));
  } catch {
    return null;
  }
}

runIfMain(import.meta.url, async () => {
  saveResult(await runScaleOutBench(parseScaleOutOptions(process.argv.slice(2))));
});
