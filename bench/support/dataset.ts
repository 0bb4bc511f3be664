// The read benchmarks' database: 100k realistic traces of mixed OpenStack requests (~41 spans
// each, ~4M spans, as a busy cloud leaves them) plus big traces of 1k, 10k and 100k spans in
// three shapes: boot-server (typical nesting), list-servers (wide fan-out, ~100k children of
// one span) and create-stack (deep chain, depth ~22k). Everything goes through the worker's
// own path: oslo message body -> decodeMessageBody -> storeBatch, 1,000 notifications per
// transaction (the worker's default batch).
//
// Building it takes minutes, so with `keep` it is kept and reused: a SQLite file under
// /tmp/ostrace-bench-data, or a PostgreSQL database ostrace_bench_<key>, where the key hashes
// the migrations, the code that shapes stored rows, the generator's sources (testing/synthetic,
// hashGeneratorSources) and the dataset's options. Without `keep`
// it is built fresh and dropped afterwards. Build (or check) the kept ones ahead of a run:
//
//   npx tsx bench/support/dataset.ts [--dialects sqlite,postgresql] [--list-traces 100000] [--drop]
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { openDb, type Db, type Dialect } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { storeBatch } from "../../lib/db/storeBatch";
import { planBatch } from "../../lib/ingest/planBatch";
import { decodeMessageBody } from "../../lib/notification/decodeMessage";
import type { Notification } from "../../lib/notification/types";
import {
  convertNotificationToOsloMessage,
  generateProfilerNotifications,
  type ScenarioName,
  type TrafficOptions,
} from "../../testing/synthetic";
import { hashGeneratorSources } from "../../testing/synthetic/hashGeneratorSources";
import { PG_ADMIN_URL } from "../../tests/support/testDb";
import { ROOT } from "./processes";
import { parseFlags, runIfMain } from "./report";
import { BENCH_SEED } from "./traffic";

export type BigTraceShape = "boot-server" | "list-servers" | "create-stack";
const BIG_TRACE_SHAPES: readonly BigTraceShape[] = ["boot-server", "list-servers", "create-stack"];
export const BIG_TRACE_SIZES = [1000, 10_000, 100_000] as const;
export const SHAPE_LABEL: Record<BigTraceShape, string> = { "boot-server": "nested", "list-servers": "wide", "create-stack": "deep" };

export type BigTrace = { key: string; shape: BigTraceShape; requested: number; traceId: string; spans: number; notifications: number };

type DatasetInfo = {
  listTraces: number;
  notifications: number;
  spans: number;
  traces: number;
  bigTraces: BigTrace[];
  /** A small trace (one keystone token request) for the page's baseline heap. */
  smallTrace: { traceId: string; spans: number };
  seedSeconds: number;
};

export type Dataset = { url: string; dialect: Dialect; info: DatasetInfo; reused: boolean; drop(): Promise<void> };

export type DatasetOptions = { listTraces: number; keep: boolean; log?(line: string): void };

const BATCH = 1000;
const DATA_DIR = "/tmp/ostrace-bench-data";
const MARKER_TABLE = "_bench_dataset";

function bigTraceKey(shape: BigTraceShape, size: number): string {
  return `${shape} ${size >= 1000 ? `${size / 1000}k` : size}`;
}

export async function openDataset(dialect: Dialect, options: DatasetOptions): Promise<Dataset> {
  const log = options.log ?? ((line: string) => console.log(line));
  const key = datasetKey(dialect, options.listTraces);
  const url = dialect === "sqlite" ? sqliteUrl(key, options.keep) : await postgresUrl(key, options.keep);
  const db = await openDb(url);
  try {
    await migrate(db);
    const existing = options.keep ? await readMarker(db) : null;
    if (existing) {
      log(`  dataset reused: ${url} (${existing.traces} traces, ${existing.spans} spans)`);
      return { url, dialect, info: existing, reused: true, drop: async () => undefined };
    }
    const info = await seed(db, options.listTraces, log);
    await writeMarker(db, info);
    return { url, dialect, info, reused: false, drop: options.keep ? async () => undefined : () => dropDataset(dialect, url) };
  } finally {
    await db.close();
  }
}

async function seed(db: Db, listTraces: number, log: (line: string) => void): Promise<DatasetInfo> {
  const t0 = performance.now();
  let notifications = 0;
  let batch: Notification[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await storeBatch(db, { notifications: batch, quarantined: [] });
    batch = [];
  };
  const encoder = new TextEncoder();
  /** Stores a traffic stream the way the worker does; returns the base_ids and notification count. */
  const ingest = async (options: TrafficOptions) => {
    const ids = new Set<string>();
    let count = 0;
    for (const n of generateProfilerNotifications(options)) {
      const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
      if (!("traceId" in decoded)) throw new Error(`dataset: a generated message did not decode: ${JSON.stringify(decoded)}`);
      ids.add(decoded.traceId);
      batch.push(decoded);
      count++;
      if (batch.length >= BATCH) await flush();
      if (++notifications % 500_000 === 0)
        log(`  dataset: ${notifications.toLocaleString("en")} notifications stored (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
    await flush();
    return { ids: [...ids], count };
  };

  log(
    `  dataset: seeding ${listTraces.toLocaleString("en")} mixed traces and ${BIG_TRACE_SHAPES.length * BIG_TRACE_SIZES.length} big ones into ${db.label}`,
  );
  await ingest({ seed: BENCH_SEED, traces: listTraces, scenario: "mixed" });
  const bigTraces: BigTrace[] = [];
  for (const shape of BIG_TRACE_SHAPES) {
    for (const size of BIG_TRACE_SIZES) {
      const { ids, count } = await ingest({
        seed: `${shape}-${size}`,
        scenario: shape as ScenarioName,
        spanCount: size,
        traces: 1,
        errorRate: 0,
        start: "2024-05-01T12:00:00",
      });
      bigTraces.push({
        key: bigTraceKey(shape, size),
        shape,
        requested: size,
        traceId: ids[0]!,
        spans: await spanCount(db, ids[0]!),
        notifications: count,
      });
    }
  }
  const small = await ingest({ seed: "small", scenario: "issue-token", traces: 1, errorRate: 0, start: "2024-05-01T12:30:00" });
  const totals = await readTotals(db);
  const info: DatasetInfo = {
    listTraces,
    notifications,
    ...totals,
    bigTraces,
    smallTrace: { traceId: small.ids[0]!, spans: await spanCount(db, small.ids[0]!) },
    seedSeconds: Math.round((performance.now() - t0) / 1000),
  };
  log(`  dataset: ${info.traces} traces, ${info.spans} spans, ${notifications} notifications in ${info.seedSeconds} s`);
  return info;
}

async function spanCount(db: Db, traceId: string): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT "span_count" AS n FROM "trace" WHERE "trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"}`,
    traceId,
  );
  return Number(rows[0]?.n ?? 0);
}

async function readTotals(db: Db): Promise<{ spans: number; traces: number }> {
  const [row] = await db.prisma.$queryRawUnsafe<{ spans: bigint | number; traces: bigint | number }[]>(
    `SELECT (SELECT COUNT(*) FROM "span") AS spans, (SELECT COUNT(*) FROM "trace") AS traces`,
  );
  return { spans: Number(row!.spans), traces: Number(row!.traces) };
}

async function readMarker(db: Db): Promise<DatasetInfo | null> {
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ info: string }[]>(`SELECT "info" FROM "${MARKER_TABLE}"`);
    return rows[0] ? (JSON.parse(rows[0].info) as DatasetInfo) : null;
  } catch {
    return null;
  }
}

async function writeMarker(db: Db, info: DatasetInfo): Promise<void> {
  await db.prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "${MARKER_TABLE}" ("info" TEXT NOT NULL)`);
  await db.prisma.$executeRawUnsafe(`DELETE FROM "${MARKER_TABLE}"`);
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "${MARKER_TABLE}" ("info") VALUES (${db.dialect === "sqlite" ? "?" : "$1"})`,
    JSON.stringify(info),
  );
}

/**
 * Hash of what decides the stored bytes: the generator's sources and the big traces asked of it
 * (a sample of its output would miss a change to a scenario the sample does not draw: the mixed
 * traffic's first notifications held no Heat stack, and the big traces none at all), the
 * migrations, and the rows the ingest code plans for a sample of the traffic (so a refactor or a
 * speed-up of ingest reuses the dataset, a format change does not).
 */
function datasetKey(dialect: Dialect, listTraces: number): string {
  const hash = createHash("sha1").update(`${dialect} ${listTraces} ${BENCH_SEED} v2`);
  hash.update(hashGeneratorSources()).update(JSON.stringify([BIG_TRACE_SHAPES, BIG_TRACE_SIZES]));
  const migrations = join(ROOT, "prisma", "migrations", dialect);
  for (const name of readdirSync(migrations).sort()) hash.update(name).update(readFileSync(join(migrations, name, "migration.sql")));
  const encoder = new TextEncoder();
  const sample: Notification[] = [];
  for (const n of generateProfilerNotifications({ seed: BENCH_SEED, notifications: 3000 })) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if ("traceId" in decoded) sample.push(decoded);
  }
  const plan = planBatch(sample, new Map(), new Map(), 0);
  hash.update(JSON.stringify([plan.spanWrites, plan.traceWrites]));
  return hash.digest("hex").slice(0, 12);
}

function sqliteUrl(key: string, keep: boolean): string {
  const dir = join(DATA_DIR, keep ? `dataset-${key}` : `dataset-${randomBytes(5).toString("hex")}`);
  mkdirSync(dir, { recursive: true });
  return `file:${join(dir, "ostrace.db")}`;
}

async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresUrl(key: string, keep: boolean): Promise<string> {
  const name = keep ? `ostrace_bench_${key}` : `ostrace_bench_${randomBytes(6).toString("hex")}`;
  const exists = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`);
  if (exists.rowCount === 0) await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDataset(dialect: Dialect, url: string): Promise<void> {
  if (dialect === "sqlite") rmSync(url.slice("file:".length).replace(/\/[^/]+$/, ""), { recursive: true, force: true });
  else await adminQuery(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
}

runIfMain(import.meta.url, async () => {
  const flags = parseFlags(process.argv.slice(2));
  for (const dialect of (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[]) {
    const dataset = await openDataset(dialect, { listTraces: Number(flags.get("list-traces") ?? 100_000), keep: true });
    if (flags.has("drop")) {
      await dropDataset(dialect, dataset.url);
      console.log(`dropped ${dataset.url}`);
    } else {
      console.log(`${dataset.url}: ${JSON.stringify(dataset.info)}`);
    }
  }
});
