// A flood against the real RabbitMQ and both databases: many notifications for one base_id over
// AMQP and from a fast HTTP client, with small caps and rate limits. The trace cap holds exactly
// (the rest counted, never an error), HTTP answers 429 with Retry-After, the AMQP backlog waits
// in the queue and drains later with every message accounted for, and the database stays small.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleIngestRequest } from "@/lib/api/handleIngestRequest";
import { loadConfig } from "@/lib/config";
import { measureDatabaseSize } from "@/lib/db/measureDatabaseSize";
import { storeBatch } from "@/lib/db/storeBatch";
import { createHttpIngestCounters } from "@/lib/ingest/counters";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { createRateLimiter } from "@/lib/ingest/createRateLimiter";
import { createLogger } from "@/lib/log";
import { createCollectorStore } from "@/worker/createCollectorStore";
import { envelopeV2, openBroker, profilerPayload, uniqueName, type Broker } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { readSpans, readTrace, settled, startCollector, waitFor } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const CAP = 500;
/** Below what the collector stores even on a loaded 2-core machine, so the limit is what holds it back. */
const RATE = 200;
/** Low enough that even a loaded machine's client sends faster (each request carries 100). */
const HTTP_RATE = 300;
const FLOOD = 3000;
const quietLog = createLogger("test", "error", () => undefined);

const notification = (traceId: string, i: number) =>
  envelopeV2(
    profilerPayload({
      traceId,
      spanId: randomUUID(),
      parentId: traceId,
      name: "db",
      phase: "start",
      us: T0 + i,
      info: { db: { statement: `SELECT ${i}`, params: {} } },
    }),
  );

describe.each(DIALECTS)("flood on %s", (dialect) => {
  let db: TestDb;
  let broker: Broker;
  const exchange = uniqueName("ostrace-flood");
  const queues: string[] = [];
  beforeAll(async () => {
    db = await createTestDb(dialect);
    broker = await openBroker();
    await broker.declareOsloExchange(exchange);
  });
  afterAll(async () => {
    await broker?.cleanup({ queues, exchanges: [exchange] });
    await db?.drop();
  });

  it("AMQP: holds the rate (backlog in the queue, drained later), holds the trace cap, loses nothing", async () => {
    const traceId = randomUUID();
    const limits = { ...loadConfig({}).limits, traceMaxSpans: CAP, ratePerSecond: RATE };
    const { collector, config } = startCollector(
      db,
      { exchanges: [exchange], limits, batchSize: 200, prefetch: 400 },
      createCollectorStore(db, limits),
    );
    queues.push(config.queue);
    await collector.whenConsuming();
    const began = Date.now();
    await broker.publishMany(
      exchange,
      Array.from({ length: FLOOD }, (_, i) => notification(traceId, i)),
    );

    // The budget lets ~RATE/s through; the rest waits in RabbitMQ, not in the collector's memory.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const elapsed = (Date.now() - began) / 1000;
    const depth = await broker.messageCount(config.queue);
    expect(depth).toBeGreaterThanOrEqual(FLOOD - RATE * (elapsed + 1) - config.prefetch - config.batchSize);
    await waitFor("the flood drained", () => settled(collector, FLOOD), 60_000);
    const seconds = (Date.now() - began) / 1000;
    expect(await broker.messageCount(config.queue)).toBe(0);
    // Burst of one second, then the rate: at least (FLOOD - RATE) / RATE seconds.
    expect(seconds).toBeGreaterThanOrEqual((FLOOD - RATE) / RATE - 0.3);
    expect(collector.counters.rateLimitedBatches).toBeGreaterThan(0);

    // Nothing lost: every message was stored or counted as refused by the cap.
    const c = collector.counters;
    expect(c.received).toBe(FLOOD);
    expect(c.notificationsStored).toBe(CAP);
    expect(c.droppedByTraceCap).toBe(FLOOD - CAP);
    expect(await readSpans(db, traceId)).toHaveLength(CAP);
    expect(await readTrace(db, traceId)).toMatchObject({
      spanCount: CAP,
      droppedSpans: FLOOD - CAP,
      droppedNotifications: FLOOD - CAP,
      truncated: "spans",
    });
    await collector.stop();
  }, 90_000);

  it("HTTP: a fast client gets 429 with Retry-After past its budget; the trace cap holds and the database stays bounded", async () => {
    const traceId = randomUUID();
    const caps = { traceMaxSpans: CAP, traceMaxBytes: 1024 ** 3 };
    const deps = {
      storeBatch: (batch: Parameters<typeof storeBatch>[1]) => storeBatch(db, batch, undefined, caps),
      maxNotificationBytes: 1 << 20,
      quarantineMaxBytes: 1024,
      counters: createHttpIngestCounters(),
      log: quietLog,
      quarantineLog: createQuarantineLog(quietLog),
      rateLimit: { limiter: createRateLimiter(HTTP_RATE), perSecond: HTTP_RATE },
    };
    const send = (from: number, n: number) =>
      handleIngestRequest(
        new Request("http://localhost/api/ingest", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.9" },
          body: `[${Array.from({ length: n }, (_, i) => notification(traceId, from + i)).join(",")}]`,
        }),
        deps,
      );

    // The first cap's worth, to measure what the trace costs when whole.
    expect((await send(0, CAP)).status).toBe(200);
    const sizeAtCap = (await measureDatabaseSize(db)).sizeBytes;

    const statuses: number[] = [];
    const retryAfter = new Set<string>();
    let accepted = 0;
    const began = Date.now();
    // As fast as the handler answers, for 3 s: 100 notifications a request.
    for (let i = 0; Date.now() - began < 3000; i++) {
      const response = await send(CAP + i * 100, 100);
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter.add(response.headers.get("retry-after") ?? "missing");
        expect(((await response.json()) as { error: string }).error).toMatch(/OSTRACE_RATE_LIMIT/);
      } else {
        expect(response.status).toBe(200);
        const body = (await response.json()) as { stored: number; dropped: number };
        expect(body).toMatchObject({ stored: 0, dropped: 100 });
        accepted += 100;
      }
    }
    const seconds = (Date.now() - began) / 1000;
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(0);
    expect([...retryAfter].every((v) => /^[1-9]\d*$/.test(v))).toBe(true);
    // The budget: a one-second burst (partly spent on the first request) plus the rate.
    expect(accepted).toBeLessThanOrEqual(HTTP_RATE + HTTP_RATE * seconds + 100);
    expect(deps.counters.rateLimitedRequests).toBe(refused);

    const trace = await readTrace(db, traceId);
    expect(trace).toMatchObject({ spanCount: CAP, droppedSpans: accepted, truncated: "spans" });
    // Refused notifications cost the database nothing but the trace row's counters.
    const sizeAfter = (await measureDatabaseSize(db)).sizeBytes;
    expect(sizeAfter).toBeLessThan(sizeAtCap * 1.5 + 256 * 1024);
  }, 60_000);
});
