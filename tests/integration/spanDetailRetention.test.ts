// Retention deletes the span_detail rows (details and long exception messages) that the spans it
// deletes named and no remaining span names (lib/db/deleteUnusedSpanDetails.ts), never a row a
// span still names, also when a batch that names an existing row runs beside the delete.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { createSpanPartitions } from "@/lib/db/createSpanPartitions";
import { deleteOldestTraces, DETAILS_PER_STEP } from "@/lib/db/deleteOldestTraces";
import { dropDetachedPartitions, dropSpanPartition } from "@/lib/db/dropSpanPartition";
import { DAY_US, spanPartitionAt } from "@/lib/db/listSpanPartitions";
import { deleteUnusedSpanDetails } from "@/lib/db/deleteUnusedSpanDetails";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import { storeBatch } from "@/lib/db/storeBatch";
import type { WriterTurn } from "@/lib/db/sweepUnusedSpanDetails";
import { upsertSpanDetails } from "@/lib/db/upsertSpanDetails";
import { UnfinishedStepError } from "@/lib/db/UnfinishedStepError";
import { takeWriteLock } from "@/lib/db/writeLock";
import { createLogger } from "@/lib/log";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import type { SpanRow } from "@/lib/span/types";
import { createCollectorStore } from "@/worker/createCollectorStore";
import type { RetentionStore } from "@/worker/types";
import { profilerPayload } from "../support/amqp";
import { startTestRetention } from "../support/startTestRetention";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { withTwoConnections } from "../support/twoConnections";

const BASE_US = Date.UTC(2024, 4, 1) * 1000;
const SHARED = "SELECT instances.uuid FROM instances WHERE instances.id = %(id_1)s";
const long = (tag: string) => `${tag} ${"x".repeat(5000)}`;

/** A db span of `traceId` with `statement`, stopped (raising `message` when given), at `us`. */
function dbSpan(traceId: string, statement: string, us: number, message?: string): Notification[] {
  const spanId = randomUUID();
  const base = { traceId, spanId, parentId: traceId, name: "db", us };
  return [
    decodeMessageJson(profilerPayload({ ...base, phase: "start", info: { db: { statement, params: {} } } })) as Notification,
    decodeMessageJson(
      profilerPayload({ ...base, phase: "stop", us: us + 10, info: message === undefined ? {} : { etype: "RemoteError", message } }),
    ) as Notification,
  ];
}

async function store(db: Db, notifications: Notification[], nowUs: number): Promise<void> {
  await storeBatch(db, { notifications, quarantined: [] }, nowUs);
}

async function detailTexts(db: Db): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT "text" FROM "span_detail"`);
  return heads(rows.map((r) => r.text));
}

/** Texts by their first characters, sorted as JavaScript sorts (collations differ between the databases). */
function heads(texts: string[]): string[] {
  return texts.map((t) => t.slice(0, 40)).sort();
}

/** span_detail rows no span names. */
async function unnamedRows(db: Db): Promise<number> {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS "n" FROM "span_detail" AS d WHERE NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."detail_id" = d."id") ` +
      `AND NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."message_id" = d."id")`,
  );
  return Number(row!.n);
}

/** A turn that records how many span_detail rows each turn's work deleted, and fails the `failAt`-th turn (from 1) without running it. */
function countingTurn(db: Db, failAt = Infinity): { turn: WriterTurn; perTurn: number[] } {
  const rows = async () => (await db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "span_detail"`)).length;
  const perTurn: number[] = [];
  let turns = 0;
  const turn: WriterTurn = async (work) => {
    if (++turns === failAt) throw new Error("connection lost");
    const before = await rows();
    const result = await work();
    perTurn.push(before - (await rows()));
    return result;
  };
  return { turn, perTurn };
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const [row] = await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass($1)::text AS "t"`, name);
  return row!.t !== null;
}

/** Spans whose detail_id or message_id names no span_detail row. */
async function danglingSpans(db: Db): Promise<number> {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS "n" FROM "span" AS s WHERE (s."detail_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "span_detail" AS d WHERE d."id" = s."detail_id")) ` +
      `OR (s."message_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "span_detail" AS d WHERE d."id" = s."message_id"))`,
  );
  return Number(row!.n);
}

describe.each(DIALECTS)("span_detail under retention on %s", (dialect) => {
  const conn = withTwoConnections(dialect);

  it("deletes the rows only deleted spans named, statements and messages alike, and keeps the shared ones", async () => {
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "trace"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span_detail"`);
    const [a, b] = [randomUUID(), randomUUID()];
    // a: the shared statement, its own long statement, its own long message, a message b shares as its statement.
    await store(
      conn.db,
      [
        ...dbSpan(a, SHARED, BASE_US),
        ...dbSpan(a, long("A-statement"), BASE_US + 100, long("A-message")),
        ...dbSpan(a, "SELECT 1", BASE_US + 200, long("AB-text")),
      ],
      BASE_US,
    );
    await store(conn.db, [...dbSpan(b, SHARED, BASE_US + 1000), ...dbSpan(b, long("AB-text"), BASE_US + 1100)], BASE_US + 1000);
    expect(await detailTexts(conn.db)).toEqual(heads([long("A-message"), long("A-statement"), long("AB-text"), "SELECT 1", SHARED]));
    expect(await deleteOldestTraces(conn.db, { beforeUs: BASE_US + 500, maxSpans: 100 })).toEqual({ traces: 1, spans: 3 });
    expect(await detailTexts(conn.db)).toEqual(heads([long("AB-text"), SHARED]));
    expect(await danglingSpans(conn.db)).toBe(0);
    expect((await readTraceSpans(conn.db, b, new Map())).length).toBe(2);
    expect(await deleteOldestTraces(conn.db, { beforeUs: null, maxSpans: 100 })).toEqual({ traces: 1, spans: 2 });
    expect(await detailTexts(conn.db)).toEqual([]);
  });

  it("deletes a big trace's rows step by step, as its spans go", async () => {
    const t = randomUUID();
    const notifications = Array.from({ length: 6 }, (_, i) =>
      dbSpan(t, `SELECT ${i % 3 === 0 ? "shared" : `own_${i}`}`, BASE_US + i * 100),
    ).flat();
    await store(conn.db, notifications, BASE_US);
    const before = await detailTexts(conn.db);
    expect(before).toEqual(["SELECT own_1", "SELECT own_2", "SELECT own_4", "SELECT own_5", "SELECT shared"]);
    let left = 6;
    while (left > 0) {
      const step = await deleteOldestTraces(conn.db, { beforeUs: null, maxSpans: 4 });
      left -= step.spans;
      // Every row still there is named by a span still there, and every span's rows are there.
      const [unnamed] = await conn.db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT count(*) AS "n" FROM "span_detail" AS d WHERE NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."detail_id" = d."id" OR s."message_id" = d."id")`,
      );
      expect(Number(unnamed!.n)).toBe(0);
      expect(await danglingSpans(conn.db)).toBe(0);
    }
    expect(await detailTexts(conn.db)).toEqual([]);
  });

  it("deletes a step's unnamed rows a slice at a time, each slice in its own writer's turn (docs/benchmarks.md §87)", async () => {
    const t = randomUUID();
    const count = 2 * DETAILS_PER_STEP + 500;
    const notifications = Array.from({ length: count }, (_, i) => dbSpan(t, `SELECT own_${i}`, BASE_US + i * 100)).flat();
    await store(conn.db, notifications, BASE_US);
    const rows = async () => (await conn.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "span_detail"`)).length;
    expect(await rows()).toBe(count);
    // What each turn deleted from span_detail: at most a slice, and the spans' own turn none.
    const { turn, perTurn } = countingTurn(conn.db);
    expect(await deleteOldestTraces(conn.db, { beforeUs: null, maxSpans: 10 * count }, turn)).toEqual({ traces: 1, spans: count });
    expect(perTurn).toEqual([0, DETAILS_PER_STEP, DETAILS_PER_STEP, 500]);
    expect(await rows()).toBe(0);
  });

  it("keeps a row that a batch committed between the spans' step and the slice's delete names", async () => {
    const [old, fresh] = [randomUUID(), randomUUID()];
    const [statement, message] = [`SELECT between FROM shared_${randomUUID()}`, long(`between ${randomUUID()}`)];
    await store(conn.db, [...dbSpan(old, statement, BASE_US, message), ...dbSpan(old, "SELECT own_between", BASE_US + 100)], BASE_US);
    // Right after the spans' step commits, before any slice: the rows it left unnamed are there, and a batch names two of them.
    let turns = 0;
    const turn: WriterTurn = async (work) => {
      if (turns++ === 1) await store(conn.db, dbSpan(fresh, statement, BASE_US + 1000, message), BASE_US + 1000);
      return work();
    };
    expect(await deleteOldestTraces(conn.db, { beforeUs: BASE_US + 500, maxSpans: 100 }, turn)).toEqual({ traces: 1, spans: 2 });
    expect(turns).toBe(2);
    expect(await detailTexts(conn.db)).toEqual(heads([message, statement]));
    expect(await danglingSpans(conn.db)).toBe(0);
    const [span] = await readTraceSpans(conn.db, fresh);
    expect([span!.detail, span!.error?.message]).toEqual([statement, message]);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span" WHERE "trace_id" = '${fresh}'`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "trace" WHERE "trace_id" = '${fresh}'`);
  });

  it("counts a step whose span_detail slice failed after its spans' delete committed, once, and leaves its rows to the sweep", async () => {
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "trace"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span_detail"`);
    const t = randomUUID();
    const count = DETAILS_PER_STEP + 200;
    await store(conn.db, Array.from({ length: count }, (_, i) => dbSpan(t, `SELECT failed_${i}`, BASE_US + i * 100)).flat(), BASE_US);
    // The collector's retention, its store as the collector binds it, but the database gone right
    // after the spans' step committed: the step's first span_detail slice (its second turn) fails.
    const real = createCollectorStore(conn.db).retention!;
    let down = true;
    const failing: RetentionStore = {
      ...real,
      deleteOldestTraces: (options, turn) => real.deleteOldestTraces(options, down ? countingTurn(conn.db, 2).turn : turn),
    };
    let roundFailed = () => {};
    const failed = new Promise<void>((resolve) => (roundFailed = resolve));
    const { counters, run, stop } = startTestRetention(
      conn.db,
      { retentionDays: 1, dbMaxBytes: 0, quarantineMaxDays: 0, quarantineMaxBytes: 0 },
      { store: failing, log: createLogger("test", "warn", (line) => void (line.includes("retention failed") && roundFailed())) },
    );
    // The round it starts with fails; what its committed step deleted is counted all the same.
    await failed;
    expect(counters).toMatchObject({ retentionTracesDeleted: 1, retentionSpansDeleted: count, retentionRuns: 0 });
    expect((await readTraceSpans(conn.db, t)).length).toBe(0);
    expect(await unnamedRows(conn.db)).toBe(count);
    // The next round (the database back) has nothing old left; its sweep, sent over the table
    // again by the failed round, deletes the rows. Nothing is counted twice.
    down = false;
    await run.runRound();
    expect(counters).toMatchObject({ retentionTracesDeleted: 1, retentionSpansDeleted: count, retentionRuns: 1 });
    expect(await unnamedRows(conn.db)).toBe(0);
    await stop();
  });

  it("reads a trace again when retention took a span and its message row between the page's two reads", async () => {
    const t = randomUUID();
    await store(
      conn.db,
      [...dbSpan(t, "SELECT 2", BASE_US, long("gone message")), ...dbSpan(t, "SELECT 3", BASE_US + 100, long("kept message"))],
      BASE_US,
    );
    const [gone] = await conn.db.prisma.$queryRawUnsafe<{ span_id: string; message_id: number | bigint }[]>(
      `SELECT s."span_id", s."message_id" FROM "span" AS s JOIN "span_detail" AS d ON d."id" = s."message_id" WHERE d."text" LIKE 'gone message%'`,
    );
    // Right after the first read (the spans), the span and its row go, as a retention step between the two reads would take them.
    let reads = 0;
    const query = conn.db.prisma.$queryRawUnsafe.bind(conn.db.prisma);
    const racing = new Proxy(conn.db.prisma, {
      get(target, key, receiver) {
        if (key === "$queryRawUnsafe")
          return async (sql: string, ...values: unknown[]) => {
            const rows = await query(sql, ...values);
            if (reads++ === 0) {
              await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span" WHERE "span_id" = '${gone!.span_id}'`);
              await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span_detail" WHERE "id" = ${Number(gone!.message_id)}`);
            }
            return rows;
          };
        if (key === "$transaction")
          return (fn: (tx: unknown) => Promise<unknown>, options?: unknown) =>
            target.$transaction(
              (tx) => fn(new Proxy(tx, { get: (t2, k2) => (k2 === "$queryRawUnsafe" ? racing.$queryRawUnsafe : Reflect.get(t2, k2)) })),
              options as never,
            );
        return Reflect.get(target, key, receiver);
      },
    });
    const spans = await readTraceSpans({ ...conn.db, prisma: racing } as Db, t, new Map());
    expect(reads).toBeGreaterThan(2);
    expect(spans.map((s) => s.detail)).toEqual(["SELECT 3"]);
  });

  // better-sqlite3 waits for a lock synchronously, so a second connection in this process cannot
  // hold a transaction open while the first waits: on SQLite these two run only on PostgreSQL's
  // terms. SQLite has one writer: a batch's first statement takes it (takeWriteLock), before its
  // lookups, and retention's step holds it from before its deletes until commit, so the
  // interleavings below cannot happen there.
  it.skipIf(dialect === "sqlite")("keeps a row that a batch in flight looked up and names after the delete asked for it", async () => {
    const [old, fresh] = [randomUUID(), randomUUID()];
    const text = `SELECT kept FROM shared_${randomUUID()}`;
    await store(conn.db, dbSpan(old, text, BASE_US), BASE_US);
    // `conn.other` plays a batch: the writer lock (shared), the text's id looked up, then a pause, then its span written with that id.
    let release = () => {};
    const paused = new Promise<void>((resolve) => (release = resolve));
    let looked = false;
    const batch = conn.other.prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, dialect, "shared");
        const row = spanRow(fresh, text);
        const id = (await upsertSpanDetails(tx, dialect, [row])).get(text)!;
        looked = true;
        await paused;
        await tx.$executeRawUnsafe(
          `INSERT INTO "span" ("trace_id", "span_id", "parent_id", "name", "project", "service", "host", "detail_id") VALUES ('${fresh}', '${row.spanId}', '${fresh}', 'db', 'nova', 'api', 'h', ${id})`,
        );
        return id;
      },
      { timeout: 60_000 },
    );
    while (!looked) await new Promise((r) => setTimeout(r, 5));
    let deleted = false;
    const deleting = deleteOldestTraces(conn.db, { beforeUs: null, maxSpans: 100 }).then((r) => ((deleted = true), r));
    await new Promise((r) => setTimeout(r, 500));
    // The delete waits for the batch (the writer lock), so it cannot take the row from under it.
    expect(deleted).toBe(false);
    release();
    const id = await batch;
    expect((await deleting).traces).toBeGreaterThan(0);
    const rows = await conn.db.prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT "text" FROM "span_detail" WHERE "id" = ${id}`);
    expect(rows.map((r) => r.text)).toEqual([text]);
    expect(await danglingSpans(conn.db)).toBe(0);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span" WHERE "trace_id" = '${fresh}'`);
  });

  it.skipIf(dialect === "sqlite")("gives a batch that waited for a delete a new row for the text the delete took", async () => {
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "trace"`);
    const [old, fresh] = [randomUUID(), randomUUID()];
    const text = `SELECT again FROM shared_${randomUUID()}`;
    await store(conn.db, dbSpan(old, text, BASE_US), BASE_US);
    const [before] = await conn.db.prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
      `SELECT "id" FROM "span_detail" WHERE "text" = '${text}'`,
    );
    // `conn.other` plays retention: the writer lock exclusive, the trace's spans and its row deleted, then a pause before commit.
    let release = () => {};
    const paused = new Promise<void>((resolve) => (release = resolve));
    let swept = false;
    const retention = conn.other.prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, dialect);
        await tx.$executeRawUnsafe(`DELETE FROM "span" WHERE "trace_id" = '${old}'`);
        await tx.$executeRawUnsafe(`DELETE FROM "trace" WHERE "trace_id" = '${old}'`);
        expect(await deleteUnusedSpanDetails(tx, dialect, [Number(before!.id)])).toBe(1);
        swept = true;
        await paused;
      },
      { timeout: 60_000 },
    );
    while (!swept) await new Promise((r) => setTimeout(r, 5));
    let stored = false;
    const storing = store(conn.db, dbSpan(fresh, text, BASE_US + 1000), BASE_US + 1000).then(() => (stored = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(stored).toBe(false);
    release();
    await retention;
    await storing;
    const after = await conn.db.prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
      `SELECT "id" FROM "span_detail" WHERE "text" = '${text}'`,
    );
    expect(after.length).toBe(1);
    expect(Number(after[0]!.id)).not.toBe(Number(before!.id));
    expect(await danglingSpans(conn.db)).toBe(0);
    const spans = await readTraceSpans(conn.db, fresh);
    expect(spans.map((s) => s.detail)).toEqual([text]);
  });
});

describe("span_detail when a day's span partition is dropped (PostgreSQL)", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("postgresql");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("deletes the rows only the dropped day's spans named, also after a drop left its table behind", async () => {
    const d1 = Date.UTC(2024, 4, 1, 10) * 1000;
    await createSpanPartitions(db, d1);
    const [expired, kept] = [randomUUID(), randomUUID()];
    await store(db, [...dbSpan(expired, SHARED, d1), ...dbSpan(expired, long("day-1"), d1 + 100, long("day-1 message"))], d1);
    await store(db, [...dbSpan(kept, SHARED, d1 + DAY_US), ...dbSpan(kept, "SELECT day_2", d1 + DAY_US + 100)], d1 + DAY_US);
    expect(await dropSpanPartition(db, { beforeUs: d1 + DAY_US, nowUs: d1 + 5 * DAY_US })).toMatchObject({ traces: 1, spans: 2 });
    expect(await detailTexts(db)).toEqual(heads(["SELECT day_2", SHARED]));
    // As if the collector had stopped between the detach's commit and the drop: the next call sweeps, then drops.
    const day2 = spanPartitionAt(d1 + DAY_US).name;
    await db.prisma.$executeRawUnsafe(`DELETE FROM "trace" WHERE "trace_id" = '${kept}'`);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "span" DETACH PARTITION "${day2}"`);
    expect(await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 + 5 * DAY_US })).toBeNull();
    expect(await detailTexts(db)).toEqual([]);
    const [table] = await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('${day2}')::text AS "t"`);
    expect(table!.t).toBeNull();
  });

  it("deletes a dropped day's rows a slice a turn; a failed slice leaves the detached table, which the next call finishes (docs/benchmarks.md §87)", async () => {
    const d1 = Date.UTC(2024, 5, 1, 10) * 1000;
    // The days the case above made ahead, empty, go first.
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    const count = 2 * DETAILS_PER_STEP + 500;
    await store(db, Array.from({ length: count }, (_, i) => dbSpan(randomUUID(), `SELECT day_${i}`, d1 + i)).flat(), d1);
    const options = { beforeUs: d1 + DAY_US, nowUs: d1 + 5 * DAY_US };
    const exists = async () =>
      (await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('${day}')::text AS "t"`))[0]!.t !== null;
    expect(await unnamedRows(db)).toBe(0);
    // The detach's turn (it deletes no span_detail row), a slice, then the database gone at the second slice.
    const failing = countingTurn(db, 3);
    const error = await dropSpanPartition(db, options, failing.turn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnfinishedStepError);
    // What the detach's commit took is reported, for the collector to count.
    expect((error as UnfinishedStepError).deleted).toEqual({ partition: day, traces: count, spans: count });
    expect(failing.perTurn).toEqual([0, DETAILS_PER_STEP]);
    // The rest of the day's rows are there, named by no span in "span" but listed by the detached table.
    expect(await exists()).toBe(true);
    expect(await detailTexts(db)).toHaveLength(count - DETAILS_PER_STEP);
    expect(await unnamedRows(db)).toBe(count - DETAILS_PER_STEP);
    // The next call finishes the detached table, a slice a turn, then drops it; no day is left to drop.
    const next = countingTurn(db);
    expect(await dropSpanPartition(db, options, next.turn)).toBeNull();
    expect(next.perTurn).toEqual([DETAILS_PER_STEP, 500]);
    expect(await exists()).toBe(false);
    expect(await detailTexts(db)).toEqual([]);
  });

  // Several collectors on one database (issue 16): each round of each finishes every detached
  // table it lists, so one may finish a table another is finishing. Interleaved here through the
  // first collector's turns, where the second one's whole call runs.
  it("ends quietly when another collector finished the day's detached table between its detach and its look", async () => {
    const d1 = Date.UTC(2024, 6, 1, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    await store(db, Array.from({ length: 3 }, (_, i) => dbSpan(randomUUID(), `SELECT race_${i}`, d1 + i)).flat(), d1);
    const options = { beforeUs: d1 + DAY_US, nowUs: d1 + 5 * DAY_US };
    let other: unknown = "not run";
    let turns = 0;
    const turn: WriterTurn = async (work) => {
      const result = await work();
      // Right after this collector's detach committed, another's round lists the detached table and finishes it.
      if (++turns === 1) other = await dropSpanPartition(db, options);
      return result;
    };
    // The detach's counts, no error; no slice of its own (the table was gone at its look).
    expect(await dropSpanPartition(db, options, turn)).toEqual({ partition: day, traces: 3, spans: 3 });
    expect(turns).toBe(1);
    expect(other).toBeNull();
    expect(await tableExists(db, day)).toBe(false);
    expect(await detailTexts(db)).toEqual([]);
  });

  it("leaves a detached table another collector is finishing to it, and finishes the next one", async () => {
    const d1 = Date.UTC(2024, 7, 1, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const days = [d1, d1 + DAY_US];
    const count = DETAILS_PER_STEP + 200;
    for (const [n, at] of days.entries()) await leaveDetached(db, at, count, `left_${n}`);
    expect(await unnamedRows(db)).toBe(2 * count);
    const counting = countingTurn(db);
    const other = countingTurn(db);
    let otherLeft: boolean | null = null;
    const turn: WriterTurn = async (work) => {
      const result = await counting.turn(work);
      // After this collector's first slice, another's round lists both tables.
      if (counting.perTurn.length === 1) {
        await dropDetachedPartitions(db, other.turn);
        otherLeft = await tableExists(db, spanPartitionAt(d1).name);
      }
      return result;
    };
    await dropDetachedPartitions(db, turn);
    // The other left the first table (this one's lock held) and finished the second; this one then
    // finished the first, and found the second gone.
    expect(otherLeft).toBe(true);
    expect(other.perTurn).toEqual([DETAILS_PER_STEP, 200]);
    expect(counting.perTurn).toEqual([DETAILS_PER_STEP, 200]);
    for (const at of days) expect(await tableExists(db, spanPartitionAt(at).name)).toBe(false);
    expect(await detailTexts(db)).toEqual([]);
  });

  // Two collectors' retention rounds, each with its own connection and turns (startTestRetention).
  it("runs a detached table's slices once when two collectors' rounds race for it: the second leaves it to the first", async () => {
    const d1 = Date.UTC(2024, 8, 1, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    const count = 2 * DETAILS_PER_STEP + 500;
    await leaveDetached(db, d1, count, "race");
    const second = await openDb(db.url);
    try {
      const turns = { first: countingTurn(db), second: countingTurn(second) };
      let secondSawIt: boolean | null = null;
      const first = startTestRetention(db, NO_LIMITS, {
        store: finishingOnly(createCollectorStore(db).retention!, async (work) => {
          // Once the first holds the table (its first slice's turn, before its work), the second's whole round runs.
          if (turns.first.perTurn.length === 0 && secondSawIt === null) {
            secondSawIt = await tableExists(second, day);
            const other = startTestRetention(second, NO_LIMITS, {
              store: finishingOnly(createCollectorStore(second).retention!, turns.second.turn),
            });
            await other.run.runRound();
            await other.stop();
          }
          return turns.first.turn(work);
        }),
      });
      await first.run.runRound();
      await first.stop();
      expect(secondSawIt).toBe(true);
      // Each slice once, all the first's (without the lock the second ran all three, the first one more).
      expect(turns.second.perTurn).toEqual([]);
      expect(turns.first.perTurn).toEqual([DETAILS_PER_STEP, DETAILS_PER_STEP, 500]);
      expect(await tableExists(db, day)).toBe(false);
      expect(await detailTexts(db)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("finishes at the next round a table whose finisher died mid-way, from where it stopped", async () => {
    const d1 = Date.UTC(2024, 9, 1, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    const count = 2 * DETAILS_PER_STEP + 500;
    await leaveDetached(db, d1, count, "died");
    // The collector that dies, on connections of its own.
    const doomed = await openDb(db.url);
    let ended: unknown[] = [];
    try {
      const dying = countingTurn(db);
      const first = startTestRetention(doomed, NO_LIMITS, {
        store: finishingOnly(createCollectorStore(doomed).retention!, async (work) => {
          if (dying.perTurn.length < 1) return dying.turn(work);
          // At its second slice the collector dies: its session holding the table's lock ends.
          ended = await db.prisma.$queryRawUnsafe<unknown[]>(
            `SELECT pg_terminate_backend("pid") FROM "pg_locks" WHERE "locktype" = 'advisory' AND "classid" = 3 AND "objsubid" = 2 ` +
              `AND "database" = (SELECT "oid" FROM "pg_database" WHERE "datname" = current_database())`,
          );
          throw new Error("collector died");
        }),
      });
      await first.run.runRound();
      await first.stop();
      expect(dying.perTurn).toEqual([DETAILS_PER_STEP]);
      expect(ended).toHaveLength(1);
    } finally {
      await doomed.close();
    }
    expect(await tableExists(db, day)).toBe(true);
    // Another collector's next round takes the lock the dead one held and goes on.
    expect(await runAnotherCollectorsFinish(db)).toEqual([DETAILS_PER_STEP, 500]);
    expect(await tableExists(db, day)).toBe(false);
    expect(await detailTexts(db)).toEqual([]);
  });

  it("ends a detached table's finish after the slice a stop was asked in; the next round goes on from there", async () => {
    const d1 = Date.UTC(2024, 9, 15, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    const count = 3 * DETAILS_PER_STEP + 500;
    await leaveDetached(db, d1, count, "stop");
    const stopped = countingTurn(db);
    let stopping: Promise<void> | null = null;
    const first: ReturnType<typeof startTestRetention> = startTestRetention(db, NO_LIMITS, {
      store: finishingOnly(createCollectorStore(db).retention!, async (work) => {
        // The collector is asked to stop while its second slice waits for its turn.
        if (stopped.perTurn.length === 1) stopping = first.stop();
        return stopped.turn(work);
      }),
    });
    await first.run.runRound();
    await stopping;
    // Two slices of four, not the whole day; the claim committed, its lock gone with it.
    expect(stopped.perTurn).toEqual([DETAILS_PER_STEP, DETAILS_PER_STEP]);
    expect(await tableExists(db, day)).toBe(true);
    expect(await unnamedRows(db)).toBe(DETAILS_PER_STEP + 500);
    expect(await runAnotherCollectorsFinish(db)).toEqual([DETAILS_PER_STEP, 500]);
    expect(await tableExists(db, day)).toBe(false);
    expect(await detailTexts(db)).toEqual([]);
  });

  it("leaves a day it has just detached for the next round when a stop was asked before its first slice", async () => {
    const d1 = Date.UTC(2024, 8, 17, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    const count = DETAILS_PER_STEP + 500;
    await store(db, Array.from({ length: count }, (_, i) => dbSpan(randomUUID(), `SELECT new_detach_${i}`, d1 + i)).flat(), d1);
    const turns = countingTurn(db);
    let stopping: Promise<void> | null = null;
    const { sweepUnusedSpanDetails: _sweep, ...collectorStore } = createCollectorStore(db).retention!;
    // The day has expired (a day's retention, stored in 2024): the round detaches it, and the
    // collector is asked to stop as that detach's turn ends, before the first slice's.
    const first: ReturnType<typeof startTestRetention> = startTestRetention(
      db,
      { ...NO_LIMITS, retentionDays: 1 },
      {
        store: {
          ...collectorStore,
          dropSpanPartition: (options, own, stop) =>
            collectorStore.dropSpanPartition!(
              options,
              (work) =>
                own(async () => {
                  const result = await turns.turn(work);
                  if (turns.perTurn.length === 1) stopping = first.stop();
                  return result;
                }),
              stop,
            ),
        },
      },
    );
    await first.run.runRound();
    await stopping;
    // The detach's turn only (it deletes no span_detail row); its traces counted; the table left detached, every row it names there.
    expect(turns.perTurn).toEqual([0]);
    expect(first.counters.retentionTracesDeleted).toBe(count);
    expect(await tableExists(db, day)).toBe(true);
    expect(await unnamedRows(db)).toBe(count);
    expect(await runAnotherCollectorsFinish(db)).toEqual([DETAILS_PER_STEP, 500]);
    expect(await tableExists(db, day)).toBe(false);
    expect(await detailTexts(db)).toEqual([]);
  });

  // The claim turns off the server's timeouts for its transaction, transaction_timeout only from
  // PostgreSQL 17 on (claimTimeouts.ts): SET fails before 17, so on 15 it must not be sent.
  it("keeps a detached table's claim open past the database's idle-transaction timeout, with this server's settings", async () => {
    const d1 = Date.UTC(2024, 9, 20, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    const day = spanPartitionAt(d1).name;
    await leaveDetached(db, d1, DETAILS_PER_STEP + 5, "idle");
    const [{ name }] = (await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT current_database() AS "name"`)) as [{ name: string }];
    await db.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" SET idle_in_transaction_session_timeout = '1s'`);
    // Connections opened after the ALTER have the timeout; the claim waits 2 s before each slice.
    const strict = await openDb(db.url);
    try {
      const slow = countingTurn(strict);
      await dropDetachedPartitions(strict, async (work) => {
        await new Promise((r) => setTimeout(r, 2000));
        return slow.turn(work);
      });
      expect(slow.perTurn).toEqual([DETAILS_PER_STEP, 5]);
      expect(await tableExists(db, day)).toBe(false);
    } finally {
      await strict.close();
      await db.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" RESET idle_in_transaction_session_timeout`);
    }
  });

  it("keeps the span_detail sweep's place across a round whose step 0 failed finishing a detached table", async () => {
    const d1 = Date.UTC(2024, 10, 1, 10) * 1000;
    while ((await dropSpanPartition(db, { beforeUs: d1, nowUs: d1 })) !== null);
    await createSpanPartitions(db, d1);
    // More rows than a round's sweep looks at (10 steps of 1,000): its pass spans rounds.
    await db.prisma.$executeRawUnsafe(`INSERT INTO "span_detail" ("text") SELECT 'sweep_' || g FROM generate_series(1, 10500) AS g`);
    const base = createCollectorStore(db).retention!;
    const sweptFrom: number[][] = [];
    const collector = startTestRetention(db, NO_LIMITS, {
      store: {
        ...base,
        // Round 1 (the one at start) finds nothing detached; before round 2 a crash leaves a day's
        // table detached, and round 2's step 0 fails at its first slice (the database gone a
        // moment); round 3 finishes it.
        async dropDetachedPartitions(turn) {
          sweptFrom.push([]);
          if (sweptFrom.length !== 2) return base.dropDetachedPartitions!(turn);
          await leaveDetached(db, d1, 5, "place");
          return base.dropDetachedPartitions!(async () => {
            throw new Error("connection lost");
          });
        },
        sweepUnusedSpanDetails: (options, turn) => (sweptFrom.at(-1)!.push(options.afterId), base.sweepUnusedSpanDetails!(options, turn)),
      },
    });
    await collector.run.runRound();
    await collector.run.runRound();
    await collector.stop();
    const [first, failed, next] = sweptFrom;
    expect(first).toHaveLength(10);
    // No sweep in the failed round; the next goes on from where the first stopped, not from the table's start.
    expect(failed).toEqual([]);
    expect(next![0]).toBeGreaterThan(first!.at(-1)!);
    expect(await tableExists(db, spanPartitionAt(d1).name)).toBe(false);
  });
});

/** No age, no size, no quarantine limit: a round only makes partitions, finishes detached tables and sweeps. */
const NO_LIMITS = { retentionDays: 0, dbMaxBytes: 0, quarantineMaxDays: 0, quarantineMaxBytes: 0 };

/**
 * `store` whose step 0 (finishing detached tables) runs its turns through `turn` inside the
 * collector's own; without the sweep, which would delete a detached table's rows itself (no span
 * in "span" names them).
 */
function finishingOnly(store: RetentionStore, turn: WriterTurn): RetentionStore {
  const { sweepUnusedSpanDetails: _sweep, ...rest } = store;
  return {
    ...rest,
    dropDetachedPartitions: (own, stopping) => store.dropDetachedPartitions!((work) => own(() => turn(work)), stopping),
  };
}

/** One round of another collector's retention that only finishes detached tables: the span_detail rows each of its turns deleted. */
async function runAnotherCollectorsFinish(db: Db): Promise<number[]> {
  const next = countingTurn(db);
  const other = startTestRetention(db, NO_LIMITS, { store: finishingOnly(createCollectorStore(db).retention!, next.turn) });
  await other.run.runRound();
  await other.stop();
  return next.perTurn;
}

/** `count` one-span traces first stored at `at` with their own statements, left as a crash between a detach and its drop leaves them. */
async function leaveDetached(db: Db, at: number, count: number, tag: string): Promise<void> {
  const traces = Array.from({ length: count }, () => randomUUID());
  await store(db, traces.map((traceId, i) => dbSpan(traceId, `SELECT ${tag}_${i}`, at + i)).flat(), at);
  await db.prisma.$executeRawUnsafe(
    `DELETE FROM "trace" WHERE "trace_id" IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    JSON.stringify(traces),
  );
  await db.prisma.$executeRawUnsafe(`ALTER TABLE "span" DETACH PARTITION "${spanPartitionAt(at).name}"`);
}

function spanRow(traceId: string, detail: string): SpanRow {
  return {
    traceId,
    spanId: randomUUID(),
    parentId: traceId,
    name: "db",
    project: "nova",
    service: "api",
    host: "h",
    startUs: BASE_US,
    stopUs: null,
    errorType: null,
    detail,
    startRest: "{}",
    stopRest: null,
  };
}
