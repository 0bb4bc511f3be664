// The grouped page text must give back every span of the trace once, with the row's columns
// (times missing included), whatever the page size; PostgreSQL's statement is covered by
// tests/integration/apiExports.test.ts (the OTLP download on both dialects).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { scanTraceSpanLinks, type SpanLink } from "./scanTraceSpanLinks";
import { storeBatch } from "./storeBatch";

function notifications(seed: number): Notification[] {
  const encoder = new TextEncoder();
  const out: Notification[] = [];
  for (const n of generateProfilerNotifications({
    scenario: "create-stack",
    spanCount: 300,
    traces: 2,
    errorRate: 0.2,
    seed,
    messiness: { dropStopRate: 0.1, duplicateRate: 0, shuffleWindow: 20, clockSkewUs: 0 },
  })) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if ("traceId" in decoded) out.push(decoded);
  }
  return out;
}

describe("scanTraceSpanLinks (SQLite)", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    await storeBatch(db, { notifications: notifications(7), quarantined: [] });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reads each span of the trace once, as stored, with any page size", async () => {
    const [trace] = await db.prisma.trace.findMany({ orderBy: { spanCount: "desc" }, take: 1 });
    const stored = await db.prisma.span.findMany({ where: { traceId: trace!.traceId }, orderBy: { spanId: "asc" } });
    const expected: SpanLink[] = stored.map((s) => ({
      spanId: s.spanId,
      parentId: s.parentId,
      name: s.name,
      project: s.project,
      service: s.service,
      host: s.host,
      startUs: s.startUs === null ? null : Number(s.startUs),
      stopUs: s.stopUs === null ? null : Number(s.stopUs),
    }));
    expect(expected.some((s) => s.stopUs === null)).toBe(true);
    expect(new Set(expected.map((s) => s.service)).size).toBeGreaterThan(1);
    for (const pageSize of [1, 7, expected.length, expected.length + 1, 5000]) {
      const read: SpanLink[] = [];
      let pages = 0;
      for await (const page of scanTraceSpanLinks(db, trace!.traceId, pageSize)) {
        pages++;
        read.push(...page);
      }
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / pageSize)));
      expect(read.sort((a, b) => (a.spanId < b.spanId ? -1 : 1))).toEqual(expected);
    }
  });

  it("reads nothing for an unknown trace", async () => {
    const pages = [];
    for await (const page of scanTraceSpanLinks(db, "00000000-0000-4000-8000-00000000000f")) pages.push([...page]);
    expect(pages).toEqual([]);
  });
});
