// A retention step, and a collector's start, take the writer lock exclusively only when they
// have something to do: with nothing to delete or migrate they finish while batches are in
// flight (here: a transaction holding the writer lock shared, as a batch does) instead of
// waiting for them and holding every collector back meanwhile.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { deleteOldestTraces } from "@/lib/db/deleteOldestTraces";
import { migrate } from "@/lib/db/migrate";
import { storeBatch } from "@/lib/db/storeBatch";
import { trimQuarantine } from "@/lib/db/trimQuarantine";
import { takeWriteLock } from "@/lib/db/writeLock";
import { convertRejectionToQuarantineRow } from "@/lib/ingest/convertRejectionToQuarantineRow";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { profilerPayload } from "../support/amqp";
import { withTwoConnections } from "../support/twoConnections";

const DAY_US = 86_400_000_000;

function call(traceId: string): Notification {
  const us = Date.UTC(2024, 4, 1) * 1000;
  return decodeMessageJson(
    profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us, info: { text: "x" } }),
  ) as Notification;
}

/** Runs `work` while another connection holds the writer lock shared; says whether it finished before the lock's release. */
async function whileBatchInFlight<T>(holder: Db, work: () => Promise<T>): Promise<{ finishedWhileHeld: boolean; result: T }> {
  let release = () => {};
  const holding = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  const batch = holder.prisma.$transaction(
    async (tx) => {
      await takeWriteLock(tx, "postgresql", "shared");
      held = true;
      await holding;
    },
    { timeout: 30_000 },
  );
  while (!held) await new Promise((r) => setTimeout(r, 5));
  let finished = false;
  const running = work().then((result) => ((finished = true), result));
  // Long enough for a look without the lock; a wait for the lock lasts until the release.
  for (let waited = 0; !finished && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const finishedWhileHeld = finished;
  release();
  await batch;
  return { finishedWhileHeld, result: await running };
}

describe("retention and migrations against batches in flight on PostgreSQL", () => {
  const conn = withTwoConnections("postgresql");

  it("deletes no traces without waiting when none is old enough, and waits for the batch when one is", async () => {
    const now = Date.now() * 1000;
    await storeBatch(conn.db, { notifications: [call(randomUUID())], quarantined: [] }, now - DAY_US);
    const none = await whileBatchInFlight(conn.other, () => deleteOldestTraces(conn.db, { beforeUs: now - 2 * DAY_US, maxSpans: 100 }));
    expect(none).toEqual({ finishedWhileHeld: true, result: { traces: 0, spans: 0 } });
    const one = await whileBatchInFlight(conn.other, () => deleteOldestTraces(conn.db, { beforeUs: now, maxSpans: 100 }));
    expect(one).toEqual({ finishedWhileHeld: false, result: { traces: 1, spans: 1 } });
  });

  it("trims no quarantine without waiting when nothing is over its limits, and waits for the batch when something is", async () => {
    const now = Date.now() * 1000;
    const row = (receivedUs: number) =>
      convertRejectionToQuarantineRow(new Uint8Array(100).fill(65), "test", { source: "http", origin: null }, 1 << 20, receivedUs);
    await storeBatch(conn.db, { notifications: [], quarantined: [row(now - 2 * DAY_US), row(now)] });
    const none = await whileBatchInFlight(conn.other, () =>
      trimQuarantine(conn.db, { beforeUs: now - 3 * DAY_US, maxBytes: 200, maxRows: 10 }),
    );
    expect(none).toEqual({ finishedWhileHeld: true, result: 0 });
    const one = await whileBatchInFlight(conn.other, () => trimQuarantine(conn.db, { beforeUs: now - DAY_US, maxBytes: 200, maxRows: 10 }));
    expect(one).toEqual({ finishedWhileHeld: false, result: 1 });
  });

  it("starts on a current database without waiting for batches in flight", async () => {
    expect(await whileBatchInFlight(conn.other, () => migrate(conn.db))).toEqual({ finishedWhileHeld: true, result: [] });
  });
});
