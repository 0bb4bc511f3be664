// Pages in span id order with every row once; rests (and the detail text) only where asked.
// PostgreSQL's statements: tests/integration/apiExports.test.ts (both dialects).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import type { SpanRow } from "@/lib/span/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { scanTraceSpanRows, type ScanTraceSpanRowsOptions } from "./scanTraceSpanRows";
import { storeBatch } from "./storeBatch";

function notifications(): Notification[] {
  const encoder = new TextEncoder();
  const out: Notification[] = [];
  for (const n of generateProfilerNotifications({ scenario: "create-stack", spanCount: 120, traces: 1, errorRate: 0.2, seed: 3 })) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if ("traceId" in decoded) out.push(decoded);
  }
  return out;
}

describe("scanTraceSpanRows (SQLite)", () => {
  let db: TestDb;
  let traceId: string;
  let stored: SpanRow[];
  const marked = new Set<string>();

  beforeAll(async () => {
    db = await createTestDb("sqlite");
    await storeBatch(db, { notifications: notifications(), quarantined: [] });
    traceId = (await db.prisma.trace.findFirstOrThrow()).traceId;
    // Two rows whose rests hold a key looked for: one in its start, one in its stop.
    const ids = (await db.prisma.span.findMany({ where: { traceId }, orderBy: { spanId: "asc" }, select: { spanId: true } })).map(
      (s) => s.spanId,
    );
    for (const [spanId, column] of [
      [ids[5]!, "start_rest"],
      [ids[70]!, "stop_rest"],
    ] as const) {
      await db.prisma.$executeRawUnsafe(
        `UPDATE "span" SET "${column}" = ? WHERE "trace_id" = ? AND "span_id" = ?`,
        '{"project":"x"}',
        traceId,
        spanId,
      );
      marked.add(spanId);
    }
    stored = await collect({ pageSize: 10_000 });
    expect(stored.length).toBeGreaterThan(80);
    expect(stored.filter((r) => r.detail !== null && r.startRest !== null).length).toBeGreaterThan(50);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function collect(options: ScanTraceSpanRowsOptions, pages: SpanRow[][] = []): Promise<SpanRow[]> {
    for await (const page of scanTraceSpanRows(db, traceId, options)) pages.push(page);
    return pages.flat();
  }

  it("reads every row once, in span id order, with any page size", async () => {
    const ids = stored.map((r) => r.spanId);
    expect([...ids].sort()).toEqual(ids);
    for (const pageSize of [1, 7, stored.length]) {
      const pages: SpanRow[][] = [];
      expect(await collect({ pageSize }, pages)).toEqual(stored);
      expect(pages.length).toBe(Math.ceil(stored.length / pageSize));
    }
  });

  it("reads rests and detail only of the rows whose rests hold a key asked for, from the page it is asked", async () => {
    const lean = (r: SpanRow): SpanRow => (marked.has(r.spanId) ? r : { ...r, detail: null, startRest: null, stopRest: null });
    expect(await collect({ pageSize: 7, restsHolding: () => ['"project"', '"host"x'] })).toEqual(stored.map(lean));
    const bare = (r: SpanRow): SpanRow => ({ ...r, detail: null, startRest: null, stopRest: null });
    expect(await collect({ pageSize: 7, restsHolding: () => [] })).toEqual(stored.map(bare));
    let page = 0;
    const switched = await collect({ pageSize: 50, restsHolding: () => (page++ === 0 ? null : ['"project"']) });
    expect(switched).toEqual(stored.map((r, i) => (i < 50 ? r : lean(r))));
  });
});
