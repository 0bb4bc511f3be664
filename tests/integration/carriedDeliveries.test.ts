// Two collectors on one queue and one PostgreSQL database contend for the same traces. A trace
// whose lock another writer holds is not waited for: its deliveries stay unacknowledged and are
// carried into the collector's next batch (worker/createBatchCommitter.ts), and only after a few
// carries is the lock waited for. Here the test itself holds one trace's lock for a while, as a
// collector in the middle of a long transaction would: the collectors carry that trace's
// deliveries, then wait for it, and once it is free everything is stored exactly once, equal to
// what one writer storing every notification leaves behind.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { storeBatch } from "@/lib/db/storeBatch";
import { lockKeyOf, SPACES } from "@/lib/db/takeKeyLocks";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { openBroker, uniqueName, type Broker } from "../support/amqp";
import { dumpStored } from "../support/dumpStored";
import { createTestDb, type TestDb } from "../support/testDb";
import { readTrace, startCollector, waitFor, type Harness } from "./collectorHarness";

const NOTIFICATIONS = 3000;

function traffic(): { bodies: string[]; notifications: Notification[] } {
  const encoder = new TextEncoder();
  const bodies: string[] = [];
  const notifications: Notification[] = [];
  for (const n of generateProfilerNotifications({ seed: "carried", notifications: NOTIFICATIONS, tracesPerSecond: 400 })) {
    const body = convertNotificationToOsloMessage(n).body;
    const decoded = decodeMessageBody(encoder.encode(body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`not decodable: ${JSON.stringify(decoded)}`);
    bodies.push(body);
    notifications.push(decoded);
  }
  return { bodies, notifications };
}

async function storedHalves(db: Db): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number | null }[]>(`SELECT sum("start_count" + "stop_count")::int AS "n" FROM "trace"`);
  return rows[0]!.n ?? 0;
}

describe("two collectors contending for the same traces on PostgreSQL", () => {
  let shared: TestDb;
  let reference: TestDb;
  let broker: Broker;
  let holder: pg.Client;
  const handles: Db[] = [];
  const running: Harness[] = [];
  const queue = uniqueName("ostrace-test-carried");
  const exchange = uniqueName("ostrace-test-nova");

  beforeAll(async () => {
    [shared, reference, broker] = await Promise.all([createTestDb("postgresql"), createTestDb("postgresql"), openBroker()]);
    for (let i = 0; i < 2; i++) handles.push(await openDb(shared.url));
    holder = new pg.Client({ connectionString: shared.url });
    await holder.connect();
  });
  afterAll(async () => {
    await Promise.all(running.map((h) => h.collector.stop()));
    await holder?.end().catch(() => undefined);
    await broker?.cleanup({ queues: [queue], exchanges: [exchange] });
    await Promise.all(handles.map((h) => h.close()));
    await Promise.all([shared?.drop(), reference?.drop()]);
  });

  it(
    "carries the deliveries of a trace another writer holds, then waits for it, and stores everything exactly once",
    { timeout: 60_000 },
    async () => {
      const { bodies, notifications } = traffic();
      await storeBatch(reference, { notifications, quarantined: [] });
      const held = notifications[0]!.traceId;
      const heldHalves = notifications.filter((n) => n.traceId === held).length;
      expect(heldHalves).toBeGreaterThan(1);

      // Another writer holds the first trace's lock (the key space and hash storeBatch uses).
      await holder.query(`SELECT pg_advisory_lock($1, $2)`, [SPACES.trace, lockKeyOf(held)]);

      await broker.declareOsloExchange(exchange);
      // The first acks what it committed above a carried delivery at once (no prefetch room to
      // hold it), the second holds it for a later multiple ack (worker/createBatchCommitter.ts).
      for (const [i, db] of handles.entries()) {
        running.push(startCollector(db, { exchanges: [exchange], queue, batchSize: 100, batchMs: 20, prefetch: i === 0 ? 200 : 400 }));
      }
      await Promise.all(running.map((h) => h.collector.whenConsuming()));
      await broker.publishMany(exchange, bodies);

      // The held trace is carried from batch to batch, then waited for (no collector starves it
      // forever), and is not stored while its lock is held.
      const carried = () => running.reduce((n, h) => n + h.collector.counters.carried, 0);
      await waitFor("deliveries carried", () => carried() > 0);
      await waitFor("a collector waiting for the held trace's lock", async () => {
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS "n" FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`,
        );
        return rows[0]!.n > 0;
      });
      expect(await readTrace(handles[0]!, held)).toBeNull();
      await holder.query(`SELECT pg_advisory_unlock($1, $2)`, [SPACES.trace, lockKeyOf(held)]);

      await waitFor("every notification stored", async () => (await storedHalves(shared)) >= NOTIFICATIONS);
      await waitFor("the queue empty", async () => (await broker.messageCount(queue)) === 0);
      await Promise.all(running.map((h) => h.collector.stop()));
      // Every delivery was acked: an unacked one would be back in the queue once the channels closed.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await broker.messageCount(queue)).toBe(0);

      const counters = running.map((h) => h.collector.counters);
      expect(counters.reduce((n, c) => n + c.received, 0)).toBe(NOTIFICATIONS);
      expect(counters.reduce((n, c) => n + c.notificationsStored, 0)).toBe(NOTIFICATIONS);
      expect(counters.reduce((n, c) => n + c.duplicates, 0)).toBe(0);
      expect(await storedHalves(shared)).toBe(NOTIFICATIONS);
      const heldTrace = await readTrace(handles[0]!, held);
      expect(heldTrace!.startCount + heldTrace!.stopCount).toBe(heldHalves);

      const expected = await dumpStored(reference);
      const actual = await dumpStored(shared);
      expect(actual.traces).toEqual(expected.traces);
      expect(actual.spans).toEqual(expected.spans);
      expect(actual.identifiers).toEqual(expected.identifiers);
      expect(actual.details).toEqual({ n: expected.details.distinct, distinct: expected.details.distinct });
    },
  );
});
