import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { profilerPayload } from "@/tests/support/amqp";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { countStoredSpans } from "./countStoredSpans";
import { deleteOldestTraces } from "./deleteOldestTraces";
import { storeBatch } from "./storeBatch";

function half(traceId: string, spanId: string, phase: "start" | "stop", us: number): Notification {
  return decodeMessageJson(profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase, us, info: {} })) as Notification;
}

describe("countStoredSpans (SQLite)", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
  });
  afterAll(async () => {
    await db?.drop();
  });

  const countRows = () => db.prisma.span.count();

  it("is 0 in an empty database", async () => {
    expect(await countStoredSpans(db)).toBe(0);
  });

  it("counts span rows as the span table holds them: a span's two halves once, across traces and batches, less what retention deleted", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const [s1, s2, s3] = [randomUUID(), randomUUID(), randomUUID()];
    const us = Date.UTC(2024, 4, 1) * 1000;
    const notifications = [half(a, s1, "start", us), half(a, s2, "start", us + 1), half(a, s1, "stop", us + 5), half(b, s3, "start", us)];
    await storeBatch(db, { notifications, quarantined: [] }, 1000);
    await storeBatch(db, { notifications: [half(b, s3, "stop", us + 9)], quarantined: [] }, 2000);
    expect(await countRows()).toBe(3);
    expect(await countStoredSpans(db)).toBe(3);
    await deleteOldestTraces(db, { beforeUs: 1500, maxSpans: 100 });
    expect(await countRows()).toBe(1);
    expect(await countStoredSpans(db)).toBe(1);
  });
});
