import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertRejectionToQuarantineRow } from "@/lib/ingest/convertRejectionToQuarantineRow";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { profilerPayload } from "@/tests/support/amqp";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { hasQuarantineToTrim, hasTracesToDelete } from "./hasRetentionWork";
import { storeBatch } from "./storeBatch";

function call(traceId: string): Notification {
  const payload = profilerPayload({
    traceId,
    spanId: randomUUID(),
    parentId: traceId,
    name: "db",
    phase: "start",
    us: Date.UTC(2024, 4, 1) * 1000,
    info: {},
  });
  return decodeMessageJson(payload) as Notification;
}

describe("what a retention step looks at before it takes the writer lock (SQLite)", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("finds nothing to do in an empty database", async () => {
    expect(await hasTracesToDelete(db.prisma, "sqlite", null)).toBe(false);
    expect(await hasTracesToDelete(db.prisma, "sqlite", Date.now() * 1000)).toBe(false);
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: Date.now() * 1000, maxBytes: 0 })).toBe(false);
  });

  it("finds a trace last updated before the limit, and any trace for the size budget", async () => {
    await storeBatch(db, { notifications: [call(randomUUID())], quarantined: [] }, 5000);
    expect(await hasTracesToDelete(db.prisma, "sqlite", 5000)).toBe(false);
    expect(await hasTracesToDelete(db.prisma, "sqlite", 5001)).toBe(true);
    expect(await hasTracesToDelete(db.prisma, "sqlite", null)).toBe(true);
  });

  it("finds a quarantined message received before the limit, or bodies over the size limit", async () => {
    const row = (receivedUs: number) =>
      convertRejectionToQuarantineRow(new Uint8Array(100).fill(65), "test", { source: "http", origin: null }, 1 << 20, receivedUs);
    await storeBatch(db, { notifications: [], quarantined: [row(700), row(800), row(900)] });
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: 700, maxBytes: null })).toBe(false);
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: 701, maxBytes: null })).toBe(true);
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: null, maxBytes: 300 })).toBe(false);
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: null, maxBytes: 299 })).toBe(true);
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: 700, maxBytes: 300 })).toBe(false);
    expect(await hasQuarantineToTrim(db.prisma, "sqlite", { beforeUs: null, maxBytes: null })).toBe(false);
  });
});
