// Retention against both databases: traces not updated for N days go (spans and row), a trace
// bigger than a step goes over several steps, the quarantine is held to its age and size, and
// a database over OSTRACE_DB_MAX_MB loses its oldest traces, once (not again at the same size).
// A running collector's /api/status tells what a round that failed midway had deleted.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StatusResponse } from "@/lib/api/types";
import { loadConfig } from "@/lib/config";
import { deleteOldestTraces } from "@/lib/db/deleteOldestTraces";
import { measureDatabaseSize } from "@/lib/db/measureDatabaseSize";
import { storeBatch } from "@/lib/db/storeBatch";
import { convertRejectionToQuarantineRow } from "@/lib/ingest/convertRejectionToQuarantineRow";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { createCollectorStore } from "@/worker/createCollectorStore";
import { openBroker, profilerPayload, uniqueName } from "../support/amqp";
import { startTestRetention } from "../support/startTestRetention";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { readSpans, readTrace, startCollector, waitFor } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const DAY_US = 86_400_000_000;

function calls(traceId: string, count: number, text = "x"): Notification[] {
  return Array.from(
    { length: count },
    (_, i) =>
      decodeMessageJson(
        profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 + i, info: { text } }),
      ) as Notification,
  );
}

async function storeTrace(db: TestDb, spans: number, updatedUs: number, text = "x"): Promise<string> {
  const traceId = randomUUID();
  const all = calls(traceId, spans, text);
  for (let i = 0; i < all.length; i += 2000) await storeBatch(db, { notifications: all.slice(i, i + 2000), quarantined: [] }, updatedUs);
  return traceId;
}

async function countKeptForCompare(db: TestDb, traceId: string): Promise<{ aggregates: number; identifiers: number }> {
  const count = async (table: string) => {
    const rows = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM "${table}" WHERE "trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"}`,
      traceId,
    );
    return Number(rows[0]!.n);
  };
  return { aggregates: await count("trace_aggregate"), identifiers: await count("trace_identifier") };
}

describe.each(DIALECTS)("retention on %s", (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await createTestDb(dialect);
  });
  afterEach(async () => {
    await db?.drop();
  });

  it("deletes traces not updated for OSTRACE_RETENTION_DAYS, spans and row, and keeps the rest; counted", async () => {
    const now = Date.now() * 1000;
    const old1 = await storeTrace(db, 30, now - 40 * DAY_US, `req-${randomUUID()}`);
    const old2 = await storeTrace(db, 5, now - 31 * DAY_US);
    const fresh = await storeTrace(db, 7, now - 29 * DAY_US, `req-${randomUUID()}`);
    // What compare keeps per trace (sums, ids found) is there before and goes with the trace.
    for (const traceId of [old1, fresh])
      expect(await countKeptForCompare(db, traceId)).toEqual({ aggregates: expect.any(Number), identifiers: 1 });
    expect((await countKeptForCompare(db, old1)).aggregates).toBeGreaterThan(0);
    const r = startTestRetention(db, { retentionDays: 30 });
    await r.run.runRound();
    await r.stop();
    expect(await readTrace(db, old1)).toBeNull();
    expect(await readSpans(db, old1)).toHaveLength(0);
    expect(await readTrace(db, old2)).toBeNull();
    expect(await readSpans(db, fresh)).toHaveLength(7);
    expect(await countKeptForCompare(db, old1)).toEqual({ aggregates: 0, identifiers: 0 });
    expect((await countKeptForCompare(db, fresh)).identifiers).toBe(1);
    expect(r.counters).toMatchObject({ retentionTracesDeleted: 2, retentionSpansDeleted: 35 });
    expect(r.counters.retentionRuns).toBeGreaterThanOrEqual(1);
    expect(r.counters.retentionLastRunUs).toBeGreaterThanOrEqual(now);
    expect(r.counters.dbSizeBytes).toBeGreaterThan(0);
  });

  it("takes a trace bigger than a step over several steps, its count following, its row going with its last span", async () => {
    const big = await storeTrace(db, 250, 1000);
    const small = await storeTrace(db, 3, 2000);
    expect(await deleteOldestTraces(db, { beforeUs: null, maxSpans: 100 })).toEqual({ traces: 0, spans: 100 });
    expect(await readTrace(db, big)).toMatchObject({ spanCount: 150 });
    expect(await deleteOldestTraces(db, { beforeUs: null, maxSpans: 100 })).toEqual({ traces: 0, spans: 100 });
    // 50 left: whole now, and the next trace (3 spans) fits the same step.
    expect(await deleteOldestTraces(db, { beforeUs: null, maxSpans: 100 })).toEqual({ traces: 2, spans: 53 });
    expect(await readSpans(db, big)).toHaveLength(0);
    expect(await readTrace(db, small)).toBeNull();
  });

  it("holds the quarantine to OSTRACE_QUARANTINE_MAX_DAYS and OSTRACE_QUARANTINE_MAX_MB, oldest first", async () => {
    const now = Date.now() * 1000;
    const row = (receivedUs: number, bytes: number) =>
      convertRejectionToQuarantineRow(new Uint8Array(bytes).fill(65), "test", { source: "http", origin: null }, 1 << 20, receivedUs);
    await storeBatch(db, { notifications: [], quarantined: [row(now - 10 * DAY_US, 100), row(now - 9 * DAY_US, 100)] });
    await storeBatch(db, { notifications: [], quarantined: Array.from({ length: 30 }, (_, i) => row(now - 1000 + i, 100_000)) });
    const r = startTestRetention(db, { quarantineMaxDays: 7, quarantineMaxBytes: 1024 * 1024 });
    await r.run.runRound();
    await r.stop();
    const left = await db.prisma.quarantinedMessage.findMany({ orderBy: { id: "asc" }, select: { receivedUs: true, bodyBytes: true } });
    // The two old ones by age, then the oldest of the 30 until the rest fit 1 MiB: 10 of 100 kB.
    expect(left).toHaveLength(10);
    expect(left.every((q) => q.bodyBytes === 100_000)).toBe(true);
    expect(Number(left[0]!.receivedUs)).toBe(now - 1000 + 20);
    expect(r.counters.quarantineDeleted).toBe(22);
  });

  it("keeps the database under OSTRACE_DB_MAX_MB by deleting the oldest traces, and not again at the same size", async () => {
    const traces: string[] = [];
    for (let i = 0; i < 10; i++) traces.push(await storeTrace(db, 300, 1000 + i, "z".repeat(1000)));
    const measured = await measureDatabaseSize(db);
    const limitBytes = Math.floor(measured.sizeBytes * 0.7);
    const { counters, run, stop } = startTestRetention(db, { retentionDays: 0, dbMaxBytes: limitBytes });
    await run.runRound();
    const deletedFirst = counters.retentionSpansDeleted;
    // 90% of 70%: a bit more than a third of the 3000 spans, whole traces, oldest first.
    expect(deletedFirst).toBeGreaterThanOrEqual(3000 - Math.floor(3000 * 0.63));
    expect(counters.retentionTracesDeleted).toBe(deletedFirst / 300);
    for (const [i, id] of traces.entries())
      expect((await readTrace(db, id)) === null, `trace ${i}`).toBe(i < counters.retentionTracesDeleted);
    await run.runRound();
    expect(counters.retentionSpansDeleted).toBe(deletedFirst);
    if (dialect === "sqlite") expect((await measureDatabaseSize(db)).sizeBytes).toBeLessThanOrEqual(limitBytes);
    await stop();
  });
});

describe.each(DIALECTS)("a collector's /api/status after a retention round that failed midway, on %s", (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await createTestDb(dialect);
    process.env.DATABASE_URL = db.url;
  });
  afterEach(async () => {
    // The route's database handle (lib/db/shared.ts), opened on this case's database.
    const holder = globalThis as { __ostraceDb?: Promise<{ close(): Promise<void> }> };
    await (await holder.__ostraceDb)?.close();
    holder.__ostraceDb = undefined;
    delete process.env.DATABASE_URL;
    await db?.drop();
  });

  it("reports the traces and spans the round's step deleted before its span_detail slice failed", async () => {
    // An old trace whose 1,500 statements are its own: its step leaves 1,500 rows for two slices.
    const traceId = randomUUID();
    const count = 1500;
    const notifications = Array.from(
      { length: count },
      (_, i) =>
        decodeMessageJson(
          profilerPayload({
            traceId,
            spanId: randomUUID(),
            parentId: traceId,
            name: "db",
            phase: "start",
            us: T0 + i,
            info: { db: { statement: `SELECT status_${i}`, params: {} } },
          }),
        ) as Notification,
    );
    await storeBatch(db, { notifications, quarantined: [] }, T0);
    // The collector's own store, but the database gone right after the step committed: its
    // second slice (third turn) fails, and so does the round.
    const store = createCollectorStore(db);
    const real = store.retention!;
    store.retention = {
      ...real,
      deleteOldestTraces(options, turn) {
        let turns = 0;
        return real.deleteOldestTraces(options, (work) => (++turns === 3 ? Promise.reject(new Error("connection lost")) : turn(work)));
      },
    };
    const broker = await openBroker();
    const exchange = uniqueName("ostrace-test-retention");
    await broker.declareOsloExchange(exchange);
    const harness = startCollector(
      db,
      { exchanges: [exchange], limits: { ...loadConfig({}).limits, retentionDays: 1, dbMaxBytes: 0 } },
      store,
    );
    try {
      await waitFor("the failed round", () => harness.logs.some((l) => l.msg === "retention failed; trying again at the next interval"));
      const failedUs = Date.now() * 1000;
      const { GET } = await import("@/app/api/status/route");
      const read = async () => ((await (await GET()).json()) as StatusResponse).collector;
      // A heartbeat after the failure (every 100 ms here) carries the counters to the status row the route reads.
      await waitFor("a heartbeat after the failed round", async () => ((await read())?.updatedUs ?? 0) > failedUs);
      expect((await read())!.counters).toMatchObject({ retentionTracesDeleted: 1, retentionSpansDeleted: count, retentionRuns: 0 });
      expect(await readTrace(db, traceId)).toBeNull();
    } finally {
      await harness.collector.stop();
      await broker.cleanup({ queues: [harness.config.queue], exchanges: [exchange] });
    }
  });
});
