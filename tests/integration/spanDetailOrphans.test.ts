// span_detail rows no span names (docs/benchmarks.md §82). (1) A span's update never leaves one:
// each half is kept from its first arrival (lib/span/mergeSpanRows.ts), so the detail (the start's)
// and the message (the stop's) a stored span names never change; a later start, or a rebased stop
// rest, can only name a row where there was none. Tested here through storeBatch with every
// order and duplicate that could change them. (2) Rows left unnamed before migration 0013 are
// swept by retention, a bounded slice per step (lib/db/sweepUnusedSpanDetails.ts).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { storeBatch } from "@/lib/db/storeBatch";
import { sweepUnusedSpanDetails } from "@/lib/db/sweepUnusedSpanDetails";
import { takeWriteLock } from "@/lib/db/writeLock";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { JsonObject, Notification } from "@/lib/notification/types";
import { convertNotificationToSpanRow } from "@/lib/span/convertNotificationToSpanRow";
import { DESCRIBED_HEAD_CHARS } from "@/lib/trace/describeLongText";
import { profilerPayload } from "../support/amqp";
import { startTestRetention } from "../support/startTestRetention";
import { DIALECTS } from "../support/testDb";
import { withTwoConnections } from "../support/twoConnections";

const T0 = Date.UTC(2024, 4, 1) * 1000;
const long = (tag: string) => `${tag} ${"x".repeat(5000)}`;

type Half = { spanId: string; phase: "start" | "stop"; parentId?: string; info: JsonObject };

function half(traceId: string, h: Half, us: number): Notification {
  return decodeMessageJson(
    profilerPayload({ traceId, spanId: h.spanId, parentId: h.parentId ?? traceId, name: "db", phase: h.phase, us, info: h.info }),
  ) as Notification;
}

async function unnamedRows(db: Db): Promise<number> {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS "n" FROM "span_detail" AS d WHERE NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."detail_id" = d."id") ` +
      `AND NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."message_id" = d."id")`,
  );
  return Number(row!.n);
}

async function namedIds(db: Db, traceId: string): Promise<Map<string, [number | null, number | null]>> {
  const rows = await db.prisma.$queryRawUnsafe<
    { span_id: string; detail_id: number | bigint | null; message_id: number | bigint | null }[]
  >(`SELECT "span_id", "detail_id", "message_id" FROM "span" WHERE "trace_id" = '${traceId}'`);
  const n = (v: number | bigint | null) => (v === null ? null : Number(v));
  return new Map(rows.map((r) => [r.span_id, [n(r.detail_id), n(r.message_id)]]));
}

/** A stop whose rest, compacted against its own parent, is just within DESCRIBED_HEAD_CHARS; against another parent, over it. */
function stopAtTheEdge(traceId: string, spanId: string, parentId: string): Half {
  const info = (pad: number) => ({ etype: "NotFound", message: "short message", pad: "p".repeat(pad) });
  const restOf = (pad: number) =>
    convertNotificationToSpanRow(half(traceId, { spanId, phase: "stop", parentId, info: info(pad) }, T0)).stopRest!.length;
  const pad = DESCRIBED_HEAD_CHARS - restOf(0) - 2;
  expect(restOf(pad)).toBe(DESCRIBED_HEAD_CHARS - 2);
  return { spanId, phase: "stop", parentId, info: info(pad) };
}

describe.each(DIALECTS)("span_detail rows no span names, on %s", (dialect) => {
  const conn = withTwoConnections(dialect);

  it("are never left by a span's update: late halves, rebased rests and duplicates with other texts", async () => {
    const t = randomUUID();
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // b's and c's stops name another parent than their starts will: the start's identity wins, and the stop rest keeps the stop's parent.
    const stopParent = randomUUID();
    const edge = stopAtTheEdge(t, c, stopParent);
    const batches: Half[][] = [
      // a: start first (a long statement), b and c: stop first (b's long message; c's short one in a rest at the edge).
      [
        { spanId: a, phase: "start", info: { db: { statement: long("A statement"), params: {} } } },
        { spanId: b, phase: "stop", parentId: stopParent, info: { etype: "RemoteError", message: long("B message") } },
        edge,
        // d: both halves and a duplicate of each with other texts, in one batch.
        { spanId: d, phase: "start", info: { db: { statement: long("D statement"), params: {} } } },
        { spanId: d, phase: "stop", info: { etype: "RemoteError", message: long("D message") } },
        { spanId: d, phase: "start", info: { db: { statement: long("D other statement"), params: {} } } },
        { spanId: d, phase: "stop", info: { etype: "RemoteError", message: long("D other message") } },
      ],
      // The missing halves; b's and c's starts under the trace, so their stop rests are rebased (and c's grows past the edge).
      [
        { spanId: a, phase: "stop", info: { etype: "RemoteError", message: long("A message") } },
        { spanId: b, phase: "start", info: { db: { statement: long("B statement"), params: {} } } },
        { spanId: c, phase: "start", info: { db: { statement: "SELECT c", params: {} } } },
      ],
      // Duplicates of every half with other texts: kept from the first arrival, so not written.
      [a, b, c, d].flatMap((spanId) => [
        { spanId, phase: "start" as const, info: { db: { statement: long(`${spanId} again`), params: {} } } },
        { spanId, phase: "stop" as const, info: { etype: "RemoteError", message: long(`${spanId} again`) } },
      ]),
    ];
    let seen = new Map<string, [number | null, number | null]>();
    for (const [i, halves] of batches.entries()) {
      const result = await storeBatch(conn.db, { notifications: halves.map((h, j) => half(t, h, T0 + i * 1000 + j)), quarantined: [] }, T0);
      if (i === 2) expect(result.notificationsStored).toBe(0);
      expect(await unnamedRows(conn.db)).toBe(0);
      const now = await namedIds(conn.db, t);
      if (i === 0) expect(now.get(c)![1]).toBeNull();
      // An id a span named stays what it named.
      for (const [span, [detail, message]] of seen) {
        if (detail !== null) expect(now.get(span)![0]).toBe(detail);
        if (message !== null) expect(now.get(span)![1]).toBe(message);
      }
      seen = now;
    }
    // c's short message is named once its rest, rebased against the start's parent, is over the edge: none before, one now.
    expect(seen.get(c)![1]).not.toBeNull();
    const texts = await conn.db.prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT "text" FROM "span_detail"`);
    const expected = [
      long("A message"),
      long("A statement"),
      long("B message"),
      long("B statement"),
      long("D message"),
      long("D statement"),
      "SELECT c",
      "short message",
    ];
    expect(texts.map((r) => r.text.slice(0, 20)).sort()).toEqual(expected.map((s) => s.slice(0, 20)).sort());
  });

  it("are swept by retention, a slice of ids a step, the named ones kept", async () => {
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "trace"`);
    await conn.db.prisma.$executeRawUnsafe(`DELETE FROM "span_detail"`);
    const t = randomUUID();
    const spans = Array.from({ length: 6 }, () => randomUUID());
    await storeBatch(
      conn.db,
      {
        notifications: spans.flatMap((spanId, i) => [
          half(t, { spanId, phase: "start", info: { db: { statement: `SELECT named_${i}`, params: {} } } }, T0 + i * 10),
          half(t, { spanId, phase: "stop", info: { etype: "E", message: long(`named message ${i}`) } }, T0 + i * 10 + 5),
        ]),
        quarantined: [],
      },
      T0,
    );
    // Rows left unnamed as deletes before migration 0013 left them: the spans that named them gone, the rows not.
    const values = Array.from({ length: 25 }, (_, i) => `('orphan ${i}')`).join(", ");
    await conn.db.prisma.$executeRawUnsafe(`INSERT INTO "span_detail" ("text") VALUES ${values}`);
    await storeBatch(
      conn.db,
      {
        notifications: [
          half(t, { spanId: randomUUID(), phase: "start", info: { db: { statement: "SELECT after", params: {} } } }, T0 + 100),
        ],
        quarantined: [],
      },
      T0,
    );
    const total = async () =>
      Number((await conn.db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS "n" FROM "span_detail"`))[0]!.n);
    expect(await total()).toBe(6 + 6 + 25 + 1);
    expect(await unnamedRows(conn.db)).toBe(25);
    // Steps of 10 rows: each looks at no more, and deletes only the unnamed among them.
    const steps = [];
    for (let afterId = 0; ;) {
      const step = await sweepUnusedSpanDetails(conn.db, { afterId, maxRows: 10 });
      steps.push(step);
      expect(step.scanned).toBeLessThanOrEqual(10);
      if (step.scanned < 10) break;
      afterId = step.lastId;
    }
    expect(steps.map((s) => s.scanned)).toEqual([10, 10, 10, 8]);
    expect(steps.reduce((sum, s) => sum + s.deleted, 0)).toBe(25);
    expect(await unnamedRows(conn.db)).toBe(0);
    expect(await total()).toBe(13);
    // Another pass finds nothing and takes no lock (nothing to delete).
    expect(await sweepUnusedSpanDetails(conn.db, { afterId: 0, maxRows: 100 })).toEqual({
      scanned: 13,
      deleted: 0,
      lastId: steps[3]!.lastId,
    });
    const named = await namedIds(conn.db, t);
    expect([...named.values()].every(([detail]) => detail !== null)).toBe(true);
    expect([...named.values()].filter(([, message]) => message !== null).length).toBe(6);
  });

  it("are swept by the collector's retention rounds", async () => {
    const rows = async () => (await conn.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "span_detail"`)).length;
    const named = await rows(); // the earlier cases' rows, all named by their spans
    const values = Array.from({ length: 30 }, (_, i) => `('round orphan ${i}')`).join(", ");
    await conn.db.prisma.$executeRawUnsafe(`INSERT INTO "span_detail" ("text") VALUES ${values}`);
    expect(await unnamedRows(conn.db)).toBe(30);
    // Nothing old to delete: the round's sweep alone.
    const retention = startTestRetention(conn.db, { retentionDays: 0, dbMaxBytes: 0 });
    await retention.run.runRound();
    expect(await unnamedRows(conn.db)).toBe(0);
    expect(await rows()).toBe(named);
    await retention.stop();
  });

  // better-sqlite3 waits for a lock synchronously (spanDetailRetention.test.ts): PostgreSQL only.
  it.skipIf(dialect === "sqlite")("keeps an unnamed row that a batch holding the writer lock names before it commits", async () => {
    await conn.db.prisma.$executeRawUnsafe(`INSERT INTO "span_detail" ("text") VALUES ('named in flight')`);
    const [row] = await conn.db.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT "id" FROM "span_detail" WHERE "text" = 'named in flight'`);
    const t = randomUUID();
    let release = () => {};
    const paused = new Promise<void>((resolve) => (release = resolve));
    let named = false;
    // `conn.other` plays a batch: the writer lock (shared), a span naming the row written, a pause before commit.
    const batch = conn.other.prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, dialect, "shared");
        await tx.$executeRawUnsafe(
          `INSERT INTO "span" ("trace_id", "span_id", "parent_id", "name", "project", "service", "host", "detail_id") VALUES ('${t}', '${randomUUID()}', '${t}', 'db', 'nova', 'api', 'h', ${row!.id})`,
        );
        named = true;
        await paused;
      },
      { timeout: 60_000 },
    );
    while (!named) await new Promise((r) => setTimeout(r, 5));
    let done = false;
    // The look (no lock) sees the row unnamed: the batch has not committed.
    const sweeping = sweepUnusedSpanDetails(conn.db, { afterId: row!.id - 1, maxRows: 1 }).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    release();
    await batch;
    expect(await sweeping).toEqual({ scanned: 1, deleted: 0, lastId: row!.id });
    expect(await unnamedRows(conn.db)).toBe(0);
  });
});
