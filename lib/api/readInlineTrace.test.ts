import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { profilerPayload } from "@/tests/support/amqp";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { readTraceListItem } from "../db/readTraceListItem";
import { storeBatch } from "../db/storeBatch";
import { INLINE_TRACE_MAX_CHARS, readInlineTrace } from "./readInlineTrace";

const US = Date.UTC(2024, 4, 1) * 1000;

/** The start of a db span whose statement is `statement`. */
function dbStart(traceId: string, us: number, statement: string): Notification {
  const spanId = randomUUID();
  return decodeMessageJson(
    profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase: "start", us, info: { db: { statement, params: {} } } }),
  ) as Notification;
}

describe("readInlineTrace (SQLite)", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("inlines an everyday trace, not one whose texts are megabytes (64K-character statements)", async () => {
    const small = randomUUID();
    await storeBatch(db, { notifications: [dbStart(small, US, "SELECT 1")], quarantined: [] }, 1000);
    const inline = await readInlineTrace(db, (await readTraceListItem(db, small))!);
    expect(JSON.parse(inline!.compactJson)).toMatchObject({ traceId: small, strings: expect.arrayContaining(["SELECT 1"]) });

    // 70 spans, each with a statement of its own as long as ingest keeps one: 4.6 MB of JSON.
    const big = randomUUID();
    const statements = Array.from({ length: 70 }, (_, i) => `SELECT ${String(i).padStart(2, "0")}${"x".repeat(65_526)}`);
    await storeBatch(db, { notifications: statements.map((s, i) => dbStart(big, US + i, s)), quarantined: [] }, 2000);
    const summary = (await readTraceListItem(db, big))!;
    expect(summary.spanCount).toBe(70);
    expect(70 * 65_536).toBeGreaterThan(INLINE_TRACE_MAX_CHARS);
    expect(await readInlineTrace(db, summary)).toBeNull();
  });
});
