// PostgreSQL's spans partitioned by day (migration 0008): a trace's spans share the partition of
// the day the trace was first stored; the collector makes the next days' partitions and moves
// over what the default partition caught; retention drops a day once all its traces expired,
// losing nothing else; and the migration carries a database stored before it over, row for row.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createSpanPartitions, SPAN_PARTITION_DAYS_AHEAD } from "@/lib/db/createSpanPartitions";
import { dropSpanPartition } from "@/lib/db/dropSpanPartition";
import { DAY_US, listSpanPartitions, spanPartitionAt } from "@/lib/db/listSpanPartitions";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { storeBatch } from "@/lib/db/storeBatch";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { profilerPayload } from "../support/amqp";
import { dumpStored } from "../support/dumpStored";
import { startTestRetention } from "../support/startTestRetention";
import { createTestDb, type TestDb } from "../support/testDb";
import { readSpans, readTrace } from "./collectorHarness";

const D1 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

/** A trace of `spans` calls (start and stop each) with an OpenStack request id, stored by batches at `storedUs`. */
async function storeTrace(db: TestDb, spans: number, storedUs: number, traceId: string = randomUUID()): Promise<string> {
  const notifications: Notification[] = [];
  for (let i = 0; i < spans; i++) {
    const spanId = randomUUID();
    for (const phase of ["start", "stop"] as const)
      notifications.push(
        decodeMessageJson(
          profilerPayload({
            traceId,
            spanId,
            parentId: traceId,
            name: "db",
            phase,
            us: D1 + i * 10 + (phase === "stop" ? 5 : 0),
            info: { text: `req-${traceId}` },
          }),
        ) as Notification,
      );
  }
  // Starts and stops in different batches, as a busy queue hands them out.
  await storeBatch(db, { notifications: notifications.filter((_, i) => i % 2 === 0), quarantined: [] }, storedUs);
  await storeBatch(db, { notifications: notifications.filter((_, i) => i % 2 === 1), quarantined: [] }, storedUs + 1);
  return traceId;
}

/** Which table holds each span of the trace. */
async function partitionsOf(db: TestDb, traceId: string): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ p: string }[]>(
    `SELECT DISTINCT tableoid::regclass::text AS "p" FROM "span" WHERE "trace_id" = $1`,
    traceId,
  );
  return rows.map((r) => r.p.replaceAll('"', ""));
}

async function tableExists(db: TestDb, name: string): Promise<boolean> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS "n" FROM "pg_class" WHERE "relname" = $1`, name);
  return rows[0]!.n > 0;
}

/** `db`, counting its catalog looks for span partitions left detached (dropDetachedPartitions: those no pg_inherits row names). */
function countDetachedLooks(db: Db): { db: Db; count(): number } {
  let n = 0;
  const prisma = new Proxy(db.prisma, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (key !== "$queryRawUnsafe" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return (sql: string, ...values: unknown[]) => {
        if (sql.includes(`NOT EXISTS (SELECT 1 FROM "pg_inherits"`)) n++;
        return value.call(target, sql, ...values);
      };
    },
  });
  return { db: { ...db, prisma }, count: () => n };
}

describe("span partitions on postgresql", () => {
  const dbs: TestDb[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.drop()));
  });

  it("keep a trace's spans in its first day's partition, made ahead, and move over what the default partition caught", async () => {
    const db = await createTestDb("postgresql");
    dbs.push(db);
    const made = await createSpanPartitions(db, D1);
    expect(made).toEqual(Array.from({ length: SPAN_PARTITION_DAYS_AHEAD + 1 }, (_, day) => spanPartitionAt(D1 + day * DAY_US).name));
    expect(await createSpanPartitions(db, D1)).toEqual([]);
    // A trace first stored on D1 keeps D1's partition when a later batch brings more of it.
    const a = await storeTrace(db, 20, D1);
    await storeBatch(
      db,
      {
        notifications: [
          decodeMessageJson(
            profilerPayload({ traceId: a, spanId: randomUUID(), parentId: a, name: "late", phase: "start", us: D1 + 1 }),
          ) as Notification,
        ],
        quarantined: [],
      },
      D1 + 2 * DAY_US,
    );
    expect(await partitionsOf(db, a)).toEqual([spanPartitionAt(D1).name]);
    expect(await readSpans(db, a)).toHaveLength(21);
    // Ten days later no partition covers the day: the default takes it, then its partition, once made.
    const later = D1 + 10 * DAY_US;
    const b = await storeTrace(db, 5, later);
    expect(await partitionsOf(db, b)).toEqual(["span_default"]);
    const before = await dumpStored(db);
    expect(await createSpanPartitions(db, later)).toContain(spanPartitionAt(later).name);
    expect(await partitionsOf(db, b)).toEqual([spanPartitionAt(later).name]);
    expect(await dumpStored(db)).toEqual(before);
  });

  it("drop a day's partition once all its traces expired, with their rows, and lose nothing else", async () => {
    const db = await createTestDb("postgresql");
    dbs.push(db);
    await createSpanPartitions(db, D1);
    const first = [await storeTrace(db, 30, D1), await storeTrace(db, 4, D1 + 3600_000_000)];
    const nextDay = await storeTrace(db, 12, D1 + DAY_US);
    // First stored on D1 and updated two days later: D1's partition stays while that is recent.
    const updated = await storeTrace(db, 3, D1);
    await storeTrace(db, 2, D1 + 2 * DAY_US, updated);
    expect(await partitionsOf(db, updated)).toEqual([spanPartitionAt(D1).name]);
    expect(await dropSpanPartition(db, { beforeUs: D1 + 1.5 * DAY_US })).toBeNull();
    expect(await tableExists(db, spanPartitionAt(D1).name)).toBe(true);

    // Retention as the collector runs it: every trace not updated for a day, here long ago.
    const looks = countDetachedLooks(db);
    const { counters, run, stop } = startTestRetention(looks.db, { retentionDays: 1 });
    await run.runRound();
    await stop();
    // One look for tables left detached a round (its step 0), not one more a drop.
    expect(looks.count()).toBe(2);
    // D1 (3 traces), D1 + 1 day (1 trace), D1 + 2 and 3 days (empty) dropped whole, no row deleted one by one.
    for (const day of [0, 1, 2, 3]) expect(await tableExists(db, spanPartitionAt(D1 + day * DAY_US).name), `day ${day}`).toBe(false);
    expect(counters).toMatchObject({ retentionTracesDeleted: 4, retentionSpansDeleted: 30 + 4 + 12 + 3 + 2 });
    for (const traceId of [...first, nextDay, updated]) {
      expect(await readTrace(db, traceId)).toBeNull();
      expect(await readSpans(db, traceId)).toHaveLength(0);
    }
    const left = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM "trace_aggregate") + (SELECT count(*) FROM "trace_identifier") + (SELECT count(*) FROM "span") AS "n"`,
    );
    expect(Number(left[0]!.n)).toBe(0);
    // Today's and the next days' partitions stay.
    expect((await listSpanPartitions(db.prisma)).map((p) => p.name)).toEqual(
      Array.from({ length: SPAN_PARTITION_DAYS_AHEAD + 1 }, (_, day) => spanPartitionAt(Date.now() * 1000 + day * DAY_US).name),
    );
  });

  it("drop only the expired day: a recent trace of the next day keeps its partition, spans and summary", async () => {
    const db = await createTestDb("postgresql");
    dbs.push(db);
    await createSpanPartitions(db, D1);
    const expired = await storeTrace(db, 8, D1);
    const kept = await storeTrace(db, 6, D1 + DAY_US);
    const before = { trace: await readTrace(db, kept), spans: await readSpans(db, kept), all: await dumpStored(db) };
    expect(await dropSpanPartition(db, { beforeUs: D1 + DAY_US })).toEqual({ partition: spanPartitionAt(D1).name, traces: 1, spans: 8 });
    expect(await readTrace(db, expired)).toBeNull();
    expect(await readSpans(db, expired)).toHaveLength(0);
    expect(await readTrace(db, kept)).toEqual(before.trace);
    expect(await readSpans(db, kept)).toEqual(before.spans);
    const after = await dumpStored(db);
    expect(after.spans).toEqual(before.all.spans.filter((s) => (s as { trace_id: string }).trace_id === kept));
    expect(await dropSpanPartition(db, { beforeUs: D1 + DAY_US })).toBeNull();
  });

  it("finish a table left detached at the next round, whatever the limits (here none: no age, no size)", async () => {
    const db = await createTestDb("postgresql");
    dbs.push(db);
    await createSpanPartitions(db, D1);
    const left = await storeTrace(db, 6, D1);
    const kept = await storeTrace(db, 4, D1 + DAY_US);
    // A detail only the left day's spans name, which the round deletes before the drop.
    const [detail] = await db.prisma.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO "span_detail" ("text") VALUES ('SELECT left_day') RETURNING "id"`,
    );
    await db.prisma.$executeRawUnsafe(`UPDATE "span" SET "detail_id" = $1 WHERE "trace_id" = $2`, detail!.id, left);
    const day = spanPartitionAt(D1).name;
    // As if a collector had stopped between a detach's commit and the drop.
    await db.prisma.$executeRawUnsafe(`DELETE FROM "trace" WHERE "trace_id" = $1`, left);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "span" DETACH PARTITION "${day}"`);
    const before = await dumpStored(db);
    const { counters, run, stop } = startTestRetention(db, {
      retentionDays: 0,
      dbMaxBytes: 0,
      quarantineMaxDays: 0,
      quarantineMaxBytes: 0,
    });
    await run.runRound();
    await stop();
    expect(await tableExists(db, day)).toBe(false);
    // The detach's step counted the day; the rounds (the one at start, then this one) deleted nothing else.
    expect(counters).toMatchObject({ retentionRuns: 2, retentionTracesDeleted: 0, retentionSpansDeleted: 0 });
    expect(await readSpans(db, kept)).toHaveLength(4);
    expect(await dumpStored(db)).toEqual({ ...before, details: { n: before.details.n - 1, distinct: before.details.distinct - 1 } });
  });

  it("migration 0008 carries spans stored before it over, each into its trace's day", async () => {
    // The same traces stored into a current database and into one at 0007, which is then migrated.
    const current = await createTestDb("postgresql");
    dbs.push(current);
    const old = await createTestDb(
      "postgresql",
      readMigrations("postgresql").filter((m) => m.name < "0008_"),
    );
    dbs.push(old);
    await createSpanPartitions(current, D1);
    const a = await storeTrace(current, 10, D1);
    const b = await storeTrace(current, 7, D1 + 3 * DAY_US);
    for (const table of ["trace", "span", "span_detail", "trace_aggregate", "trace_identifier"]) {
      const rows = await current.prisma.$queryRawUnsafe<{ rows: unknown }[]>(`SELECT json_agg(t) AS "rows" FROM "${table}" AS t`);
      await old.prisma.$executeRawUnsafe(
        `INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`,
        JSON.stringify(rows[0]!.rows ?? []),
      );
    }
    await old.prisma.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('span_detail', 'id'), (SELECT max("id") FROM "span_detail"))`);
    expect(await migrate(old)).toEqual(
      readMigrations("postgresql")
        .filter((m) => m.name >= "0008_")
        .map((m) => m.name),
    );
    expect(await dumpStored(old)).toEqual(await dumpStored(current));
    expect(await partitionsOf(old, a)).toEqual([spanPartitionAt(D1 + 1).name]);
    expect(await partitionsOf(old, b)).toEqual([spanPartitionAt(D1 + 3 * DAY_US + 1).name]);
    // Stored after the migration, a trace lands in today's partition, which the migration made.
    const c = await storeTrace(old, 2, Date.now() * 1000);
    expect(await partitionsOf(old, c)).toEqual([spanPartitionAt(Date.now() * 1000).name]);
  });
});
