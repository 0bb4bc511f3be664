// Issue 12: ingest with hostile messages mixed in must keep at least half the clean speed.
// The same realistic traffic as bench/ingest.ts is pre-loaded twice in one run: clean, and with
// testing/synthetic's hostile messages (deep nesting up to 100,000 levels, 50,001-value arrays,
// oversize bodies, bad UTF-8, broken envelopes, out-of-range timestamps, ...) spread evenly
// through it. The real collector loop drains each in a process of its own (bench/support/
// drainChild.ts). Judged: the hostile run's rate over the clean run's, both in messages/s. A
// run is a failure, not a figure, unless every clean notification is stored, every hostile
// message quarantined or ignored, and no batch failed.
//
//   npx tsx bench/hostile.ts [--dialects sqlite,postgresql] [--runs 3] [--notifications 100000]
//                            [--hostile 10000] [--driver messaging|messagingv2]
import type { Db, Dialect } from "../lib/db/client";
import { generateHostileMessages, type HostileMessage } from "../testing/synthetic/generateHostileMessages";
import type { OsloDriver } from "../testing/synthetic";
import { createTestDb } from "../tests/support/testDb";
import { AMQP_URL, createBenchTopology, openBenchBroker, type BenchBroker, type BenchTopology } from "./support/broker";
import type { DrainReport, DrainRequest } from "./support/drainChild";
import { runTsForJson } from "./support/processes";
import { createAreaResult, judge, median, noteStep, parseFlags, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { benchMessages, benchTraffic, envelopeOf, takeCensus, type TrafficCensus } from "./support/traffic";

/** Hostile traffic may cost at most half the clean speed (issue 12). */
export const HOSTILE_RATIO_BUDGET = 0.5;
const HOSTILE_SEED = "bench-hostile";

export type HostileBenchOptions = {
  dialects: Dialect[];
  runs: number;
  notifications: number;
  hostile: number;
  driver: OsloDriver;
};

export function parseHostileOptions(argv: readonly string[]): HostileBenchOptions {
  const flags = parseFlags(argv);
  return {
    dialects: (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[],
    runs: Number(flags.get("runs") ?? 3),
    notifications: Number(flags.get("notifications") ?? 100_000),
    hostile: Number(flags.get("hostile") ?? 10_000),
    driver: (flags.get("driver") ?? "messaging") as OsloDriver,
  };
}

type Mix = { hostile: number; quarantined: number; ignored: number; bytes: number; kinds: Record<string, number> };

export async function runHostileBench(options: HostileBenchOptions): Promise<AreaResult> {
  const result = createAreaResult("hostile");
  const traffic = benchTraffic(options.notifications);
  const census = takeCensus(traffic, options.driver);
  const mix = describeMix(options.hostile);
  console.log(
    `# hostile ingest: ${options.notifications.toLocaleString("en")} clean notifications, then the same with ${options.hostile.toLocaleString("en")} hostile messages spread through them`,
  );
  console.log(
    `hostile: ${mix.quarantined} to quarantine, ${mix.ignored} to ignore, ${(mix.bytes / 2 ** 20).toFixed(1)} MiB; kinds ${JSON.stringify(mix.kinds)}`,
  );
  result.figures.traffic = { ...census, seed: traffic.seed, driver: options.driver, hostile: mix, hostileSeed: HOSTILE_SEED };

  const broker = await openBenchBroker();
  const topology = createBenchTopology("bench-hostile");
  await broker.declare(topology);
  try {
    for (const dialect of options.dialects) {
      const runs: { clean: DrainReport; hostile: DrainReport; ratio: number }[] = [];
      for (let run = 1; run <= options.runs; run++) {
        const clean = await measure(broker, topology, options, census, dialect, null, result, `${dialect} run ${run}: clean`);
        const hostile = await measure(
          broker,
          topology,
          options,
          census,
          dialect,
          mix,
          result,
          `${dialect} run ${run}: with hostile messages`,
        );
        const ratio = hostile.rate / clean.rate;
        console.log(
          `  clean ${Math.round(clean.rate).toLocaleString("en")}/s, with hostile ${Math.round(hostile.rate).toLocaleString("en")}/s ` +
            `(${Math.round(options.notifications / hostile.seconds).toLocaleString("en")} clean notifications/s) = ${ratio.toFixed(2)} x clean`,
        );
        runs.push({ clean, hostile, ratio });
      }
      const ratio = median(runs.map((r) => r.ratio));
      result.figures[dialect] = {
        cleanRates: runs.map((r) => Math.round(r.clean.rate)),
        hostileRates: runs.map((r) => Math.round(r.hostile.rate)),
        hostileCleanNotificationRates: runs.map((r) => Math.round(options.notifications / r.hostile.seconds)),
        ratios: runs.map((r) => round(r.ratio, 3)),
        medianRatio: round(ratio, 3),
        hostileRssMaxMiB: runs.map((r) => Math.max(...r.hostile.rssMiB)),
        hostileCounters: runs.map((r) => r.hostile.counters),
      };
      judge(result, `ingest ${dialect} with hostile messages / clean (median of ${runs.length})`, ratio, ">=", HOSTILE_RATIO_BUDGET, "x");
    }
  } finally {
    await broker.cleanup(topology);
  }
  return result;
}

/** Pre-loads the clean traffic (with the hostile messages spread through it when `mix` is given), drains it into a new database, checks it. */
async function measure(
  broker: BenchBroker,
  topology: BenchTopology,
  options: HostileBenchOptions,
  census: TrafficCensus,
  dialect: Dialect,
  mix: Mix | null,
  result: AreaResult,
  step: string,
): Promise<DrainReport> {
  noteStep(result, `${step}: publish`);
  const expected = census.notifications + (mix?.hostile ?? 0);
  const published = await publishMixed(broker, topology, options, mix !== null);
  const queued = await broker.messageCount(topology.queue);
  if (published !== expected || queued !== expected)
    throw new Error(`pre-load: published ${published}, queued ${queued}, expected ${expected}`);
  const db = await createTestDb(dialect);
  try {
    noteStep(result, `${step}: collector drains`);
    const request: DrainRequest = {
      mode: "collector",
      amqpUrl: AMQP_URL,
      queue: topology.queue,
      exchanges: topology.exchanges,
      expected,
      envelope: envelopeOf(options.driver),
      databaseUrl: db.url,
    };
    const report = await runTsForJson<DrainReport>("bench/support/drainChild.ts", [JSON.stringify(request)]);
    const left = await broker.messageCount(topology.queue);
    if (left !== 0) throw new Error(`${left} messages left in the queue after the drain`);
    await verify(db, census, mix, report);
    return report;
  } finally {
    await db.drop();
  }
}

/** Every clean notification stored, every hostile message quarantined or ignored, no batch failed. */
async function verify(db: Db, census: TrafficCensus, mix: Mix | null, report: DrainReport): Promise<void> {
  const [row] = await db.prisma.$queryRawUnsafe<{ spans: bigint | number; starts: bigint | number; stops: bigint | number }[]>(
    `SELECT COUNT(*) AS spans, COUNT("start_us") AS starts, COUNT("stop_us") AS stops FROM "span"`,
  );
  const quarantinedRows = await db.prisma.quarantinedMessage.count();
  const stored = { spans: Number(row!.spans), starts: Number(row!.starts), stops: Number(row!.stops), quarantinedRows };
  const wanted = { spans: census.spans, starts: census.starts, stops: census.stops, quarantinedRows: mix?.quarantined ?? 0 };
  const counters = report.counters as
    { notificationsStored?: number; quarantined?: number; ignored?: number; batchFailures?: number } | undefined;
  const countersOk =
    counters?.notificationsStored === census.notifications &&
    counters.quarantined === (mix?.quarantined ?? 0) &&
    counters.ignored === (mix?.ignored ?? 0) &&
    counters.batchFailures === 0;
  if (JSON.stringify(stored) !== JSON.stringify(wanted) || !countersOk) {
    throw new Error(
      `wrong outcome: stored ${JSON.stringify(stored)}, counters ${JSON.stringify(report.counters)}, expected ${JSON.stringify(wanted)} and ${JSON.stringify(mix)}`,
    );
  }
}

function hostileMessages(count: number): Generator<HostileMessage> {
  return generateHostileMessages({ seed: HOSTILE_SEED, hostile: count, valid: 0 });
}

function describeMix(count: number): Mix {
  const mix: Mix = { hostile: 0, quarantined: 0, ignored: 0, bytes: 0, kinds: {} };
  for (const m of hostileMessages(count)) {
    mix.hostile++;
    if (m.expect === "quarantined") mix.quarantined++;
    else if (m.expect === "ignored") mix.ignored++;
    else throw new Error(`a hostile message expected to be stored: ${m.kind}`);
    mix.bytes += m.body.byteLength;
    mix.kinds[m.kind] = (mix.kinds[m.kind] ?? 0) + 1;
  }
  return mix;
}

/** The clean traffic with publisher confirms, one hostile message after every N/H clean ones when asked. */
async function publishMixed(
  broker: BenchBroker,
  topology: BenchTopology,
  options: HostileBenchOptions,
  withHostile: boolean,
): Promise<number> {
  const channel = broker.channel;
  const hostile = withHostile ? hostileMessages(options.hostile) : null;
  const every = withHostile ? Math.max(1, Math.floor(options.notifications / Math.max(1, options.hostile))) : Infinity;
  const hostileExchange = topology.exchangeFor("nova");
  let count = 0;
  let clean = 0;
  const send = async (exchange: string, body: Buffer) => {
    const ok = channel.publish(exchange, "profiler.info", body, {
      contentType: "application/json",
      contentEncoding: "utf-8",
      deliveryMode: 2,
    });
    count++;
    if (!ok) await new Promise((resolve) => channel.once("drain", resolve));
    if (count % 10_000 === 0) await channel.waitForConfirms();
  };
  for (const m of benchMessages(benchTraffic(options.notifications), options.driver)) {
    await send(topology.exchangeFor(m.exchange), Buffer.from(m.body));
    clean++;
    if (hostile && clean % every === 0) {
      const next = hostile.next();
      if (!next.done) await send(hostileExchange, Buffer.from(next.value.body));
    }
  }
  if (hostile) for (const m of hostile) await send(hostileExchange, Buffer.from(m.body));
  await channel.waitForConfirms();
  return count;
}

runIfMain(import.meta.url, async () => {
  saveResult(await runHostileBench(parseHostileOptions(process.argv.slice(2))));
});
