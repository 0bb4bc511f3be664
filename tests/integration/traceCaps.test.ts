// Per-trace caps against both databases: concurrent batches for one base_id never store past
// the cap (the counts are read in each batch's own transaction, under the writer lock), the
// overflow is counted on the trace, and the trace API and the list say so.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeBatch } from "@/lib/db/storeBatch";
import { listTraces } from "@/lib/db/listTraces";
import { createHttpIngestCounters } from "@/lib/ingest/counters";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { measureSpanRow } from "@/lib/ingest/measureSpanRow";
import { handleIngestRequest } from "@/lib/api/handleIngestRequest";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { createLogger } from "@/lib/log";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { readSpans, readTrace } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const quietLog = createLogger("test", "error", () => undefined);

function calls(traceId: string, from: number, count: number, info?: Record<string, string>): Notification[] {
  return Array.from({ length: count }, (_, i) => {
    const payload = profilerPayload({
      traceId,
      spanId: randomUUID(),
      parentId: traceId,
      name: "db",
      phase: "start",
      us: T0 + (from + i) * 10,
      info,
    });
    return decodeMessageJson(payload) as Notification;
  });
}

describe.each(DIALECTS)("trace caps on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("holds the span cap exactly under concurrent batches and counts the overflow on the trace", async () => {
    const traceId = randomUUID();
    const caps = { traceMaxSpans: 120, traceMaxBytes: 1024 ** 3 };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, b) => storeBatch(db, { notifications: calls(traceId, b * 50, 50), quarantined: [] }, undefined, caps)),
    );
    expect(results.reduce((sum, r) => sum + r.notificationsStored, 0)).toBe(120);
    expect(results.reduce((sum, r) => sum + r.dropped, 0)).toBe(380);
    expect(await readSpans(db, traceId)).toHaveLength(120);
    expect(await readTrace(db, traceId)).toMatchObject({
      spanCount: 120,
      droppedSpans: 380,
      droppedNotifications: 380,
      truncated: "spans",
    });
    const listed = (await listTraces(db, { sort: "newest", limit: 50 })).traces.find((t) => t.traceId === traceId);
    expect(listed).toMatchObject({ spanCount: 120, droppedSpans: 380, truncated: "spans" });
  });

  it("holds the byte cap: the stored spans' weight stays under it and equals what is stored", async () => {
    const traceId = randomUUID();
    const info = { text: "y".repeat(2000) };
    const caps = { traceMaxSpans: 1_000_000, traceMaxBytes: 50_000 };
    await Promise.all(
      Array.from({ length: 4 }, (_, b) =>
        storeBatch(db, { notifications: calls(traceId, b * 20, 20, info), quarantined: [] }, undefined, caps),
      ),
    );
    const trace = (await readTrace(db, traceId))!;
    const spans = await readSpans(db, traceId);
    expect(trace).toMatchObject({ truncated: "bytes", spanCount: spans.length, droppedSpans: 80 - spans.length });
    expect(trace.storedBytes).toBeLessThanOrEqual(50_000);
    expect(trace.storedBytes).toBeGreaterThan(50_000 - 2 * measureSpanRow(spans[0]!));
  });

  it("answers HTTP ingest past the cap with each element's outcome: dropped, with the reason, and a 200", async () => {
    const traceId = randomUUID();
    const log = quietLog;
    const deps = {
      storeBatch: (batch: Parameters<typeof storeBatch>[1]) =>
        storeBatch(db, batch, undefined, { traceMaxSpans: 2, traceMaxBytes: 1024 ** 3 }),
      maxNotificationBytes: 1 << 20,
      quarantineMaxBytes: 1024,
      counters: createHttpIngestCounters(),
      log,
      quarantineLog: createQuarantineLog(log),
    };
    const body = JSON.stringify(
      [0, 1, 2].map((i) =>
        JSON.parse(
          envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 + i })),
        ),
      ),
    );
    const response = await handleIngestRequest(
      new Request("http://localhost/api/ingest", { method: "POST", body, headers: { "content-type": "application/json" } }),
      deps,
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { stored: number; dropped: number; results: { status: string; reason?: string }[] };
    expect(answer).toMatchObject({ stored: 2, dropped: 1 });
    expect(answer.results[2]).toMatchObject({ status: "dropped", reason: expect.stringMatching(/OSTRACE_TRACE_MAX_SPANS/) });
    expect(deps.counters.droppedByTraceCap).toBe(1);
  });
});

describe("the trace API says what a cap left out", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    process.env.DATABASE_URL = db.url;
  });
  afterAll(async () => {
    const shared = (globalThis as { __ostraceDb?: Promise<{ close(): Promise<void> }> }).__ostraceDb;
    await (await shared)?.close();
    await db?.drop();
  });

  it("GET /api/traces/{id} carries x-ostrace-truncated and x-ostrace-dropped-spans, and a whole trace neither", async () => {
    const capped = randomUUID(),
      whole = randomUUID();
    await storeBatch(db, { notifications: [...calls(capped, 0, 5), ...calls(whole, 0, 2)], quarantined: [] }, undefined, {
      traceMaxSpans: 3,
      traceMaxBytes: 1024 ** 3,
    });
    const { GET } = await import("@/app/api/traces/[traceId]/route");
    const get = (id: string) => GET(new Request(`http://localhost/api/traces/${id}`), { params: Promise.resolve({ traceId: id }) });
    const response = await get(capped);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ostrace-truncated")).toBe("spans");
    expect(response.headers.get("x-ostrace-dropped-spans")).toBe("2");
    const wholeResponse = await get(whole);
    expect(wholeResponse.headers.get("x-ostrace-truncated")).toBeNull();
  });
});
