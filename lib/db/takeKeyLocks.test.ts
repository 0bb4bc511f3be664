// Several writers on one PostgreSQL database (collectors sharing a queue, the web's HTTP ingest):
// batches of many overlapping traces, some notifications handed to two writers (a redelivery
// after a collector died), all committed at once. What is stored must equal what one writer
// storing everything in order leaves behind: every span, every trace summary, each detail text once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { convertNotificationToSpanRow } from "@/lib/span/convertNotificationToSpanRow";
import type { SpanRow } from "@/lib/span/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { dumpStored } from "@/tests/support/dumpStored";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { openDb, type Db } from "./client";
import { storeBatch, storeBatchCarrying } from "./storeBatch";
import { takeKeyLocks } from "./takeKeyLocks";
import { tryKeyLocks } from "./tryKeyLocks";
import { upsertSpanDetails } from "./upsertSpanDetails";
import { upsertSpanRows } from "./upsertSpanRows";
import { takeWriteLock } from "./writeLock";

const WRITERS = 4;
const CHUNK = 40;

function notifications(): Notification[] {
  const encoder = new TextEncoder();
  const out: Notification[] = [];
  // Many traces in flight at once (a high arrival rate), so concurrent batches share traces.
  const traffic = generateProfilerNotifications({
    seed: "scaleout",
    notifications: 6000,
    tracesPerSecond: 400,
    messiness: { shuffleWindow: 30 },
  });
  for (const n of traffic) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`not decodable: ${JSON.stringify(decoded)}`);
    out.push(decoded);
  }
  return out;
}

/** Every per-trace sum with its key's text, in key order. */
async function dumpAggregates(db: Db): Promise<unknown[]> {
  const rows = await db.prisma.$queryRawUnsafe<unknown[]>(
    `SELECT "trace_id", "kind", "key_hash", "key", "count", "total_us"::text, "max_us"::text FROM "trace_aggregate" ORDER BY 1, 2, 3`,
  );
  expect(rows.length).toBeGreaterThan(100);
  return rows;
}

describe("concurrent writers on PostgreSQL", () => {
  let reference: TestDb;
  let shared: TestDb;
  const writers: Db[] = [];
  const all = notifications();

  beforeAll(async () => {
    [reference, shared] = await Promise.all([createTestDb("postgresql"), createTestDb("postgresql")]);
    for (let i = 0; i < WRITERS; i++) writers.push(await openDb(shared.url));
  });
  afterAll(async () => {
    await Promise.all(writers.map((w) => w.close()));
    await Promise.all([reference?.drop(), shared?.drop()]);
  });

  it("store exactly what one writer stores: summaries, spans and detail texts, duplicates counted once", async () => {
    await storeBatch(reference, { notifications: all, quarantined: [] });

    // Consecutive chunks dealt round-robin, as competing consumers receive them; every 7th
    // chunk goes to the next writer too (a delivery redelivered to another collector).
    const queues: Notification[][][] = Array.from({ length: WRITERS }, () => []);
    let chunkIndex = 0;
    for (let i = 0; i < all.length; i += CHUNK, chunkIndex++) {
      const chunk = all.slice(i, i + CHUNK);
      queues[chunkIndex % WRITERS]!.push(chunk);
      if (chunkIndex % 7 === 0) queues[(chunkIndex + 1) % WRITERS]!.push(chunk);
    }
    let stored = 0;
    let duplicates = 0;
    await Promise.all(
      writers.map(async (db, w) => {
        for (const chunk of queues[w]!) {
          const result = await storeBatch(db, { notifications: chunk, quarantined: [] });
          stored += result.notificationsStored;
          duplicates += result.duplicates;
        }
      }),
    );

    const redelivered = queues.flat().reduce((n, chunk) => n + chunk.length, 0) - all.length;
    const expected = await dumpStored(reference);
    const actual = await dumpStored(shared);
    expect(redelivered).toBeGreaterThan(500);
    expect(stored).toBe(all.length);
    expect(duplicates).toBe(redelivered);
    expect(actual.details).toEqual({ n: expected.details.distinct, distinct: expected.details.distinct });
    expect(actual.traces.length).toBeGreaterThan(50);
    expect(actual.traces).toEqual(expected.traces);
    expect(actual.identifiers).toEqual(expected.identifiers);
    expect(actual.spans).toEqual(expected.spans);
    // Later batches send no text for a key already stored: every key keeps the text it came with.
    expect(await dumpAggregates(shared)).toEqual(await dumpAggregates(reference));
  });

  it("carrying what another writer holds into the next batch also stores exactly what one writer stores", async () => {
    const carrying = await createTestDb("postgresql");
    const dbs = await Promise.all(Array.from({ length: WRITERS }, () => openDb(carrying.url)));
    try {
      const queues: Notification[][][] = Array.from({ length: WRITERS }, () => []);
      let chunkIndex = 0;
      for (let i = 0; i < all.length; i += CHUNK, chunkIndex++) queues[chunkIndex % WRITERS]!.push(all.slice(i, i + CHUNK));
      let stored = 0;
      let carried = 0;
      // As a collector does: each notification's half converted on arrival and kept with it, a
      // carried notification leads the writer's next batch, and after three carries its trace is
      // waited for; the last batches repeat until nothing is left.
      type Held = { n: Notification; half: SpanRow; carries: number };
      await Promise.all(
        dbs.map(async (db, w) => {
          let held: Held[] = [];
          for (let k = 0; k < queues[w]!.length || held.length > 0; k++) {
            const arrived = (queues[w]![k] ?? []).map((n): Held => ({ n, half: convertNotificationToSpanRow(n), carries: 0 }));
            const batch = [...held, ...arrived];
            const { result, carried: indexes } = await storeBatchCarrying(
              db,
              { notifications: batch.map((b) => b.n), halves: batch.map((b) => b.half), quarantined: [] },
              batch.map((b) => b.carries < 3),
            );
            stored += result.notificationsStored;
            carried += indexes.length;
            held = indexes.map((i) => ({ ...batch[i]!, carries: batch[i]!.carries + 1 }));
          }
        }),
      );
      const expected = await dumpStored(reference);
      const actual = await dumpStored(carrying);
      expect(carried).toBeGreaterThan(0);
      expect(stored).toBe(all.length);
      expect(actual.traces).toEqual(expected.traces);
      expect(actual.identifiers).toEqual(expected.identifiers);
      expect(actual.spans).toEqual(expected.spans);
      expect(await dumpAggregates(carrying)).toEqual(await dumpAggregates(reference));
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await carrying.drop();
    }
  });

  it("store a new detail text once when writers of different traces bring it at the same moment", async () => {
    const row = (trace: number, text: string): SpanRow => ({
      traceId: `detail-trace-${trace}`,
      spanId: `span-${trace}`,
      parentId: `detail-trace-${trace}`,
      name: "db",
      project: "nova",
      service: "nova-conductor",
      host: "ctl-1",
      startUs: 1_700_000_000_000_000,
      stopUs: null,
      errorType: null,
      detail: text,
      startRest: "{}",
      stopRest: null,
    });
    for (let round = 0; round < 30; round++) {
      const texts = Array.from({ length: 5 }, (_, i) => `SELECT ${round}_${i} FROM instances WHERE id = %(id_1)s`);
      await Promise.all(
        writers.map((db, w) =>
          db.prisma.$transaction(async (tx) => {
            await takeWriteLock(tx, "postgresql", "shared");
            await takeKeyLocks(tx, "trace", [`detail-trace-${round * WRITERS + w}`]);
            await upsertSpanRows(
              tx,
              "postgresql",
              texts.map((t, i) => ({ ...row(round * WRITERS + w, t), spanId: `span-${i}` })),
            );
          }),
        ),
      );
    }
    const rows = await shared.prisma.$queryRawUnsafe<{ text: string; n: number }[]>(
      `SELECT "text", count(*)::int AS "n" FROM "span_detail" WHERE "text" LIKE 'SELECT %_% FROM instances WHERE id = %(id_1)s' GROUP BY "text"`,
    );
    expect(rows.length).toBe(150);
    expect(rows.filter((r) => r.n > 1)).toEqual([]);
  });

  it("look up stored detail texts without their locks, and lock only a text not stored yet", async () => {
    const [a, b] = writers;
    const row = (i: number, detail: string): SpanRow => ({
      traceId: "detail-lookup",
      spanId: `span-${i}`,
      parentId: "detail-lookup",
      name: "db",
      project: "nova",
      service: "nova-conductor",
      host: "ctl-1",
      startUs: 1_700_000_000_000_000 + i,
      stopUs: null,
      errorType: null,
      detail,
      startRest: "{}",
      stopRest: null,
    });
    const stored = ["SELECT 1 FROM lookup_a WHERE id = %(id_1)s", "SELECT 1 FROM lookup_b WHERE id = %(id_1)s"];
    const fresh = "SELECT 1 FROM lookup_c WHERE id = %(id_1)s";
    const storedIds = await b!.prisma.$transaction((tx) =>
      upsertSpanDetails(
        tx,
        "postgresql",
        stored.map((t, i) => row(i, t)),
      ),
    );
    let release = () => {};
    const holding = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const first = a!.prisma.$transaction(
      async (tx) => {
        await takeKeyLocks(tx, "detail", [...stored, fresh]);
        held = true;
        await holding;
      },
      { timeout: 30_000 },
    );
    while (!held) await new Promise((r) => setTimeout(r, 5));
    // Every text stored already: done while another transaction holds all their locks.
    const again = await b!.prisma.$transaction((tx) =>
      upsertSpanDetails(
        tx,
        "postgresql",
        stored.map((t, i) => row(i + 2, t)),
      ),
    );
    const entries = (ids: typeof again) => [...ids.keys()].map((t) => [t, ids.get(t)]);
    expect(entries(again)).toEqual(entries(storedIds));
    // One text not stored yet: waits for that text's lock.
    let mixedDone = false;
    const mixed = b!.prisma
      .$transaction((tx) => upsertSpanDetails(tx, "postgresql", [row(4, stored[0]!), row(5, fresh)]), { timeout: 30_000 })
      .then((ids) => ((mixedDone = true), ids));
    await new Promise((r) => setTimeout(r, 300));
    expect(mixedDone).toBe(false);
    release();
    await first;
    const ids = await mixed;
    expect(ids.get(stored[0]!)).toBe(storedIds.get(stored[0]!));
    expect([...storedIds.keys()].map((t) => storedIds.get(t))).not.toContain(ids.get(fresh));
  });

  it("let batches of different traces commit side by side, and make a batch of the same trace wait", async () => {
    const [a, b] = writers;
    const release: (() => void)[] = [];
    const held = (db: Db, trace: string) =>
      db.prisma.$transaction(async (tx) => {
        await takeKeyLocks(tx, "trace", [trace]);
        await new Promise<void>((resolve) => release.push(resolve));
      });
    const first = held(a!, "trace-1");
    while (release.length === 0) await new Promise((r) => setTimeout(r, 5));
    // Another trace: not blocked by the open transaction holding trace-1.
    await b!.prisma.$transaction((tx) => takeKeyLocks(tx, "trace", ["trace-2", "trace-3"]));
    // The same trace: waits until the first transaction ends.
    let sameDone = false;
    const same = b!.prisma.$transaction((tx) => takeKeyLocks(tx, "trace", ["trace-0", "trace-1"])).then(() => (sameDone = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(sameDone).toBe(false);
    release[0]!();
    await first;
    await same;
    expect(sameDone).toBe(true);
  });

  it("try the locks without waiting: get the free ones, not those another transaction holds", async () => {
    const [a, b] = writers;
    let release = () => {};
    const holding = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const first = a!.prisma.$transaction(async (tx) => {
      await takeKeyLocks(tx, "trace", ["try-1"]);
      held = true;
      await holding;
    });
    while (!held) await new Promise((r) => setTimeout(r, 5));
    const got = await b!.prisma.$transaction((tx) => tryKeyLocks(tx, "trace", ["try-0", "try-1", "try-2"]));
    expect([...got].sort()).toEqual(["try-0", "try-2"]);
    release();
    await first;
    expect(await b!.prisma.$transaction((tx) => tryKeyLocks(tx, "trace", ["try-1"]))).toEqual(new Set(["try-1"]));
  });

  it("store a batch's free traces at once and wait only for those another writer holds", async () => {
    const [a] = writers;
    // Three traces under new ids: the shared database holds the originals already.
    const originals = [...new Set(all.map((n) => n.traceId))].slice(0, 3);
    const rename = (id: string) => (originals.includes(id) ? `held-${id}` : id);
    const batch = all
      .filter((n) => originals.includes(n.traceId))
      .map((n) => ({ ...n, traceId: rename(n.traceId), parentId: rename(n.parentId) }));
    const traces = originals.map(rename);
    let release = () => {};
    const holding = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const first = a!.prisma.$transaction(
      async (tx) => {
        await takeKeyLocks(tx, "trace", [traces[1]!]);
        held = true;
        await holding;
      },
      { timeout: 30_000 },
    );
    while (!held) await new Promise((r) => setTimeout(r, 5));
    const stored = storeBatch(shared, { notifications: batch, quarantined: [] });
    const countTraces = async () => {
      const rows = await shared.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS "n" FROM "trace" WHERE "trace_id" = ANY($1::text[])`,
        traces,
      );
      return rows[0]!.n;
    };
    // The two free traces commit while the held one waits.
    for (let waited = 0; (await countTraces()) < 2 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(await countTraces()).toBe(2);
    release();
    await first;
    const result = await stored;
    expect(await countTraces()).toBe(3);
    expect(result.outcomes).toHaveLength(batch.length);
    expect(result.notificationsStored).toBe(batch.length);
    expect(result.outcomes.every((o) => o === "stored")).toBe(true);
  });

  it("carry the notifications of a held trace without waiting, and store the rest", async () => {
    const [a] = writers;
    const originals = [...new Set(all.map((n) => n.traceId))].slice(3, 6);
    const rename = (id: string) => (originals.includes(id) ? `carried-${id}` : id);
    const batch = all
      .filter((n) => originals.includes(n.traceId))
      .map((n) => ({ ...n, traceId: rename(n.traceId), parentId: rename(n.parentId) }));
    const heldTrace = rename(originals[1]!);
    let release = () => {};
    const holding = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const first = a!.prisma.$transaction(
      async (tx) => {
        await takeKeyLocks(tx, "trace", [heldTrace]);
        held = true;
        await holding;
      },
      { timeout: 30_000 },
    );
    while (!held) await new Promise((r) => setTimeout(r, 5));
    // Returns while the lock is still held: nothing waited.
    const { result, carried } = await storeBatchCarrying(
      shared,
      { notifications: batch, quarantined: [] },
      batch.map(() => true),
    );
    release();
    await first;
    const heldIndexes = batch.flatMap((n, i) => (n.traceId === heldTrace ? [i] : []));
    expect(heldIndexes.length).toBeGreaterThan(0);
    expect(carried).toEqual(heldIndexes);
    expect(result.notificationsStored).toBe(batch.length - heldIndexes.length);
    expect(result.outcomes).toHaveLength(batch.length - heldIndexes.length);
    const rows = await shared.prisma.$queryRawUnsafe<{ trace_id: string }[]>(
      `SELECT "trace_id" FROM "trace" WHERE "trace_id" = ANY($1::text[]) ORDER BY "trace_id"`,
      originals.map(rename),
    );
    expect(rows.map((r) => r.trace_id)).toEqual(
      originals
        .map(rename)
        .filter((t) => t !== heldTrace)
        .sort(),
    );
  });
});
