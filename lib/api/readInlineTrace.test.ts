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

  it("inlines an everyday trace, and one of long statements clipped, not one whose texts are megabytes", async () => {
    const small = randomUUID();
    await storeBatch(db, { notifications: [dbStart(small, US, "SELECT 1")], quarantined: [] }, 1000);
    const inline = await readInlineTrace(db, (await readTraceListItem(db, small))!);
    expect(JSON.parse(inline!.compactJson)).toMatchObject({ traceId: small, strings: expect.arrayContaining(["SELECT 1"]) });

    // 70 spans, each with a statement of its own as long as ingest keeps one (4.6 MB of JSON
    // whole): its texts are clipped for display, so it is inlined, small.
    const long = randomUUID();
    const statements = Array.from({ length: 70 }, (_, i) => `SELECT ${String(i).padStart(2, "0")}${"x".repeat(65_526)}`);
    await storeBatch(db, { notifications: statements.map((s, i) => dbStart(long, US + i, s)), quarantined: [] }, 2000);
    const summary = (await readTraceListItem(db, long))!;
    expect(summary.spanCount).toBe(70);
    const clipped = await readInlineTrace(db, summary);
    expect(clipped!.compactJson.length).toBeLessThan(70 * 4200 + 20_000);
    expect((JSON.parse(clipped!.compactJson) as { clipped: unknown[] }).clipped).toHaveLength(70);

    // 1,100 spans of distinct 4,000-character statements (not clipped): past what a page inlines.
    const big = randomUUID();
    const many = Array.from({ length: 1100 }, (_, i) => `SELECT ${String(i).padStart(4, "0")}${"x".repeat(3989)}`);
    await storeBatch(db, { notifications: many.map((s, i) => dbStart(big, US + i, s)), quarantined: [] }, 3000);
    expect(1100 * 4000).toBeGreaterThan(INLINE_TRACE_MAX_CHARS);
    expect(await readInlineTrace(db, (await readTraceListItem(db, big))!)).toBeNull();
  });
});
