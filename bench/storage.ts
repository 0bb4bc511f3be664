// Item 5: storage and the worker's memory.
// (a) Bytes per span on disk for typical payloads: the 200k realistic notifications of the
//     ingest benchmark stored through storeBatch, 1,000 per transaction as the worker does
//     (so PostgreSQL carries the dead tuples of start -> stop updates as in real use).
//     A span is its row in `span` and its share of `span_detail` (each detail text stored once,
//     migration 0003), so both tables and their indexes count. SQLite: dbstat pages of those,
//     and the whole file after a checkpoint, before and after VACUUM. PostgreSQL:
//     pg_total_relation_size of both (heap + TOAST + indexes) as the worker left them, after
//     VACUUM, after VACUUM FULL.
// (b) The real worker process (worker/main.ts) under sustained load: realistic traffic paced
//     at 10,000 notifications/s for 360 s (a third of its drain rate), RSS sampled every second
//     (the memory-mapped database pages take ~4 minutes to level off).
//     Bounded = the max RSS of the last third of the run is within 10% of the middle third's.
//
//   npx tsx bench/storage.ts [--dialects sqlite,postgresql] [--rss-dialects sqlite] [--rate 10000] [--seconds 360]
import type { Db, Dialect } from "../lib/db/client";
import { storeBatch } from "../lib/db/storeBatch";
import { decodeMessageBody } from "../lib/notification/decodeMessage";
import type { Notification } from "../lib/notification/types";
import { generateProfilerNotifications } from "../testing/synthetic";
import { createTestDb } from "../tests/support/testDb";
import { createBenchTopology, openBenchBroker } from "./support/broker";
import { sampleRss } from "./support/processes";
import { publishPaced } from "./support/publishPaced";
import { createAreaResult, judge, noteStep, parseFlags, runIfMain, saveResult, type AreaResult } from "./support/report";
import { summarizeRss } from "./support/rss";
import { benchMessages, benchTraffic, takeCensus } from "./support/traffic";
import { startWorker } from "./support/workerProcess";

export const BYTES_PER_SPAN_BUDGET = 1024;
export const RSS_GROWTH_BUDGET = 0.1;

export type StorageOptions = { dialects: Dialect[]; rssDialects: Dialect[]; notifications: number; rate: number; seconds: number };

export function parseStorageOptions(argv: readonly string[]): StorageOptions {
  const flags = parseFlags(argv);
  return {
    dialects: (flags.get("dialects") ?? "sqlite,postgresql").split(",").filter(Boolean) as Dialect[],
    rssDialects: (flags.get("rss-dialects") ?? "sqlite").split(",").filter(Boolean) as Dialect[],
    notifications: Number(flags.get("notifications") ?? 200_000),
    rate: Number(flags.get("rate") ?? 10_000),
    seconds: Number(flags.get("seconds") ?? 360),
  };
}

export async function runStorageBench(options: StorageOptions): Promise<AreaResult> {
  const result = createAreaResult("storage");
  const traffic = benchTraffic(options.notifications);
  const census = takeCensus(traffic, "messaging");
  result.figures.traffic = { ...census, meanPayloadBytesPerSpanOnTheWire: Math.round(census.bodyBytes / census.spans) };
  console.log(
    `# storage: ${census.notifications} notifications, ${census.spans} spans; on the wire ${Math.round(census.bodyBytes / census.spans)} B per span (start + stop bodies)`,
  );
  for (const dialect of options.dialects) {
    const db = await createTestDb(dialect);
    try {
      noteStep(result, `${dialect}: storing through storeBatch`);
      await storeTraffic(db, traffic);
      const figure = dialect === "sqlite" ? await measureSqlite(db) : await measurePostgres(db);
      result.figures[`bytes ${dialect}`] = figure;
      console.log(`  ${dialect}: ${JSON.stringify(figure)}`);
      judge(
        result,
        `storage ${dialect} bytes per span (span + span_detail tables and their indexes, as written)`,
        figure.spanBytesPerSpan,
        "<=",
        BYTES_PER_SPAN_BUDGET,
        "B",
        `whole database ${figure.databaseBytesPerSpan} B/span`,
      );
    } finally {
      await db.drop();
    }
  }
  for (const dialect of options.rssDialects) await measureWorkerRss(dialect, options, result);
  return result;
}

async function storeTraffic(db: Db, traffic: ReturnType<typeof benchTraffic>): Promise<void> {
  const encoder = new TextEncoder();
  let batch: Notification[] = [];
  for (const m of benchMessages(traffic, "messaging")) {
    const decoded = decodeMessageBody(encoder.encode(m.body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`undecodable: ${JSON.stringify(decoded)}`);
    batch.push(decoded);
    if (batch.length === 1000) {
      await storeBatch(db, { notifications: batch, quarantined: [] });
      batch = [];
    }
  }
  if (batch.length) await storeBatch(db, { notifications: batch, quarantined: [] });
}

type StorageFigure = { spans: number; spanBytesPerSpan: number; databaseBytesPerSpan: number } & Record<string, number | string>;

/** A span's storage in SQLite: its table, primary key, and the detail texts with their unique index. */
const SQLITE_SPAN_OBJECTS = new Set(["span", "sqlite_autoindex_span_1", "span_detail", "span_detail_text_key"]);

async function measureSqlite(db: Db): Promise<StorageFigure> {
  const q = <T>(sql: string) => db.prisma.$queryRawUnsafe<T[]>(sql);
  const spans = Number((await q<{ n: bigint | number }>(`SELECT COUNT(*) AS n FROM "span"`))[0]!.n);
  await q(`PRAGMA wal_checkpoint(TRUNCATE)`);
  const pages = async () => {
    const rows = await q<{ name: string; bytes: bigint | number }>(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name`);
    const byName = Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
    const [{ page_count }] = (await q<{ page_count: bigint | number }>(`PRAGMA page_count`)) as [{ page_count: bigint | number }];
    const [{ page_size }] = (await q<{ page_size: bigint | number }>(`PRAGMA page_size`)) as [{ page_size: bigint | number }];
    const spanBytes = Object.entries(byName)
      .filter(([name]) => SQLITE_SPAN_OBJECTS.has(name))
      .reduce((a, [, b]) => a + b, 0);
    return { spanBytes, fileBytes: Number(page_count) * Number(page_size), byName };
  };
  const before = await pages();
  await db.prisma.$executeRawUnsafe(`VACUUM`);
  await q(`PRAGMA wal_checkpoint(TRUNCATE)`);
  const after = await pages();
  return {
    spans,
    spanBytesPerSpan: Math.round(before.spanBytes / spans),
    databaseBytesPerSpan: Math.round(before.fileBytes / spans),
    spanBytesPerSpanAfterVacuum: Math.round(after.spanBytes / spans),
    databaseBytesPerSpanAfterVacuum: Math.round(after.fileBytes / spans),
    spanTableBytes: before.byName.span ?? 0,
    spanPrimaryKeyIndexBytes: before.byName.sqlite_autoindex_span_1 ?? 0,
    spanDetailTableBytes: before.byName.span_detail ?? 0,
    spanDetailIndexBytes: before.byName.span_detail_text_key ?? 0,
    traceTableBytes: before.byName.trace ?? 0,
    fileBytes: before.fileBytes,
    fileBytesAfterVacuum: after.fileBytes,
  };
}

async function measurePostgres(db: Db): Promise<StorageFigure> {
  const q = <T>(sql: string) => db.prisma.$queryRawUnsafe<T[]>(sql);
  const spans = Number((await q<{ n: bigint | number }>(`SELECT COUNT(*) AS n FROM "span"`))[0]!.n);
  const sizes = async () => {
    const [row] = await q<{
      total: bigint | number;
      heap: bigint | number;
      indexes: bigint | number;
      toast: bigint | number;
      database: bigint | number;
    }>(
      `SELECT sum(pg_total_relation_size(oid)) AS total, sum(pg_relation_size(oid)) AS heap, sum(pg_indexes_size(oid)) AS indexes, ` +
        `sum(COALESCE(pg_total_relation_size(NULLIF(reltoastrelid, 0)), 0)) AS toast, pg_database_size(current_database()) AS database ` +
        `FROM pg_class WHERE oid IN ('span'::regclass, 'span_detail'::regclass)`,
    );
    return {
      total: Number(row!.total),
      heap: Number(row!.heap),
      indexes: Number(row!.indexes),
      toast: Number(row!.toast),
      database: Number(row!.database),
    };
  };
  const asWritten = await sizes();
  await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "span", "span_detail"`);
  const vacuumed = await sizes();
  await db.prisma.$executeRawUnsafe(`VACUUM FULL "span", "span_detail"`);
  const full = await sizes();
  return {
    spans,
    spanBytesPerSpan: Math.round(asWritten.total / spans),
    databaseBytesPerSpan: Math.round(asWritten.database / spans),
    heapBytesPerSpan: Math.round(asWritten.heap / spans),
    indexBytesPerSpan: Math.round(asWritten.indexes / spans),
    toastBytesPerSpan: Math.round(asWritten.toast / spans),
    spanBytesPerSpanAfterVacuum: Math.round(vacuumed.total / spans),
    spanBytesPerSpanAfterVacuumFull: Math.round(full.total / spans),
    databaseBytesPerSpanAfterVacuumFull: Math.round(full.database / spans),
  };
}

async function measureWorkerRss(dialect: Dialect, options: StorageOptions, result: AreaResult): Promise<void> {
  const db = await createTestDb(dialect);
  const broker = await openBenchBroker();
  const topology = createBenchTopology("bench-rss");
  await broker.declare(topology);
  const worker = await startWorker(broker, topology, db.url);
  const rss = sampleRss(worker.pid, 1000);
  try {
    noteStep(result, `${dialect}: worker under ${options.rate}/s for ${options.seconds} s`);
    const channel = await broker.connection.createChannel();
    const traffic = generateProfilerNotifications(benchTraffic(options.rate * (options.seconds + 10), { seed: 13 }));
    const published = await publishPaced({
      channel,
      topology,
      notifications: traffic[Symbol.iterator](),
      driver: "messaging",
      rate: options.rate,
      seconds: options.seconds,
      onSecond: (second) => {
        if (second % 30 === 0)
          noteStep(
            result,
            `${dialect}: ${second} s, worker RSS ${rss.samples[rss.samples.length - 1]?.rssMiB} MiB, anonymous ${rss.samples[rss.samples.length - 1]?.anonMiB} MiB`,
          );
      },
    });
    await channel.close();
    // The queue's count leaves out delivered, unacked messages: wait for the database instead.
    const storedCount = async () =>
      Number(
        (await db.prisma.$queryRawUnsafe<{ n: bigint | number | null }[]>(`SELECT SUM("start_count" + "stop_count") AS n FROM "trace"`))[0]
          ?.n ?? 0,
      );
    let stored = await storedCount();
    for (let i = 0; stored < published.published && i < 600; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await storedCount();
    }
    rss.stop();
    const left = await broker.messageCount(topology.queue);
    const memory = summarizeRss(rss.samples, 10);
    result.figures[`worker rss ${dialect}`] = {
      rate: Math.round(published.rate),
      published: published.published,
      stored,
      queueLeft: left,
      ...memory,
    };
    const { rss: total, anon, file } = memory;
    console.log(
      `  ${dialect}: published ${published.published} at ${Math.round(published.rate)}/s; worker RSS ${total.minMiB}-${total.maxMiB} MiB ` +
        `(slope ${total.slopeMiBPerMin} MiB/min) = anonymous ${anon.minMiB}-${anon.maxMiB} MiB (slope ${anon.slopeMiBPerMin} MiB/min) ` +
        `+ file-backed ${file.minMiB}-${file.maxMiB} MiB (slope ${file.slopeMiBPerMin} MiB/min)`,
    );
    judge(
      result,
      `worker anonymous memory growth ${dialect} (heap + native; last third max / middle third max - 1, ${options.seconds} s at ${options.rate}/s)`,
      anon.growth,
      "<=",
      RSS_GROWTH_BUDGET,
      "x",
      `anonymous ${anon.minMiB}-${anon.maxMiB} MiB, slope ${anon.slopeMiBPerMin} MiB/min`,
    );
    judge(
      result,
      `worker total RSS growth ${dialect} (incl. memory-mapped database pages; last third max / middle third max - 1)`,
      total.growth,
      "<=",
      RSS_GROWTH_BUDGET,
      "x",
      `RSS ${total.minMiB}-${total.maxMiB} MiB, of which file-backed ${file.minMiB}-${file.maxMiB} MiB (slope ${file.slopeMiBPerMin} MiB/min)`,
    );
    if (stored !== published.published) throw new Error(`stored ${stored} of ${published.published}`);
  } finally {
    rss.stop();
    await worker.stop();
    await broker.cleanup(topology);
    await db.drop();
  }
}

runIfMain(import.meta.url, async () => {
  saveResult(await runStorageBench(parseStorageOptions(process.argv.slice(2))));
});
