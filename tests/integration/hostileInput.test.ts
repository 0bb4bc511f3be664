// The fuzz test of issue 12: 10,000 hostile messages (testing/synthetic/generateHostileMessages.ts,
// seeded) shuffled among 10,000 valid ones, thrown at the real collector through the real
// RabbitMQ and at POST /api/ingest, on SQLite and PostgreSQL. The worker stays up, every valid
// message is stored, every hostile one is quarantined (or ignored, or answered 4xx with a reason
// over HTTP), and no batch fails because of one message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeBatch } from "@/lib/db/storeBatch";
import { checkDatabaseWritable } from "@/lib/db/checkDatabaseWritable";
import { createHttpIngestCounters } from "@/lib/ingest/counters";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { handleIngestRequest, MAX_ELEMENTS, type ElementResult, type IngestDeps } from "@/lib/api/handleIngestRequest";
import { createLogger } from "@/lib/log";
import { DEFAULT_INPUT_LIMITS } from "@/lib/notification/inputLimits";
import { generateHostileMessages, type HostileMessage } from "@/testing/synthetic/generateHostileMessages";
import { envelopeV2, openBroker, profilerPayload, uniqueName, type Broker } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { readSpans, settled, startCollector, waitFor, type Harness } from "./collectorHarness";

const HOSTILE = 10_000;
const VALID = 10_000;
/** Requests of at most this many bytes (the limit is 16 x the notification limit). */
const REQUEST_BYTES = 8 * DEFAULT_INPUT_LIMITS.maxNotificationBytes;
const MARK = "…[truncated by ostrace: ";

const messages = [...generateHostileMessages({ seed: "issue-12", hostile: HOSTILE, valid: VALID })];
const expected = {
  stored: messages.filter((m) => m.expect === "stored"),
  quarantined: messages.filter((m) => m.expect === "quarantined").length,
  ignored: messages.filter((m) => m.expect === "ignored").length,
};

/** Each valid message is its own half of a span: all of them, and nothing else, must be in the database. */
async function expectExactlyTheValidStored(db: TestDb): Promise<void> {
  const byTrace = new Map<string, HostileMessage["stores"][]>();
  for (const m of expected.stored) byTrace.set(m.stores!.traceId, [...(byTrace.get(m.stores!.traceId) ?? []), m.stores]);
  let spans = 0;
  for (const [traceId, halves] of byTrace) {
    const rows = new Map((await readSpans(db, traceId)).map((r) => [r.spanId, r]));
    for (const half of halves) {
      const row = rows.get(half!.spanId);
      expect(row, `span ${half!.spanId}`).toBeDefined();
      expect(half!.phase === "start" ? row!.startUs : row!.stopUs, `${half!.phase} of ${half!.spanId}`).not.toBeNull();
    }
    spans += rows.size;
  }
  expect(spans).toBe(expected.stored.length);
  expect(await db.prisma.span.count()).toBe(expected.stored.length);
  // A statement over the string limit is cut and marked, not lost.
  const cut = expected.stored.find((m) => m.cut && m.stores!.phase === "start");
  if (cut) expect((await readSpans(db, cut.stores!.traceId)).find((r) => r.spanId === cut.stores!.spanId)!.detail).toContain(MARK);
}

describe.each(DIALECTS)("hostile input on %s", (dialect) => {
  let broker: Broker;
  let amqpDb: TestDb;
  let httpDb: TestDb;
  const exchanges: string[] = [];
  const queues: string[] = [];
  let harness: Harness | undefined;

  beforeAll(async () => {
    [broker, amqpDb, httpDb] = await Promise.all([openBroker(), createTestDb(dialect), createTestDb(dialect)]);
  });
  afterAll(async () => {
    await harness?.collector.stop();
    await broker?.cleanup({ queues, exchanges });
    await Promise.all([amqpDb?.drop(), httpDb?.drop()]);
  });

  it(`over AMQP: the collector stores all ${VALID} valid messages, quarantines or ignores all ${HOSTILE} hostile ones, and no batch fails`, async () => {
    const exchange = uniqueName("ostrace-test-hostile");
    exchanges.push(exchange);
    await broker.declareOsloExchange(exchange);
    harness = startCollector(amqpDb, { exchanges: [exchange], batchSize: 500, batchMs: 50, prefetch: 2000 });
    queues.push(harness.config.queue);
    const { collector } = harness;
    await collector.whenConsuming();

    await broker.publishMany(
      exchange,
      messages.map((m) => Buffer.from(m.body)),
    );
    await waitFor("every message committed", () => settled(collector, messages.length), 300_000);

    expect(collector.counters).toMatchObject({
      received: messages.length,
      notificationsStored: expected.stored.length,
      duplicates: 0,
      quarantined: expected.quarantined,
      ignored: expected.ignored,
      batchFailures: 0,
    });
    await expectExactlyTheValidStored(amqpDb);
    expect(await amqpDb.prisma.quarantinedMessage.count()).toBe(expected.quarantined);
    const reasons = await amqpDb.prisma.quarantinedMessage.findMany({ select: { reason: true } });
    expect(reasons.every((r) => r.reason.length > 0)).toBe(true);
    expect(reasons.some((r) => /deeper than 64 levels/.test(r.reason))).toBe(true);
    expect(reasons.some((r) => /outside the accepted range/.test(r.reason))).toBe(true);

    // Still up and consuming: one more valid message lands.
    expect(collector.isConnected()).toBe(true);
    const traceId = crypto.randomUUID();
    await broker.publish(
      exchange,
      envelopeV2(
        profilerPayload({
          traceId,
          spanId: crypto.randomUUID(),
          parentId: traceId,
          name: "wsgi",
          phase: "start",
          us: Date.UTC(2024, 4, 1) * 1000,
        }),
      ),
    );
    await waitFor("the message after the flood", async () => (await readSpans(amqpDb, traceId)).length === 1);
  });

  it(`over HTTP: every valid element is stored, every hostile one quarantined, ignored or answered 4xx with a reason`, async () => {
    const log = createLogger("test", "error", () => undefined);
    const deps: IngestDeps = {
      storeBatch: (batch) => storeBatch(httpDb, batch),
      checkWritable: () => checkDatabaseWritable(httpDb),
      ...DEFAULT_INPUT_LIMITS,
      quarantineMaxBytes: 1024 * 1024,
      counters: createHttpIngestCounters(),
      log,
      quarantineLog: createQuarantineLog(log),
    };
    const post = async (body: Uint8Array | string) => {
      const response = await handleIngestRequest(
        new Request("http://localhost/api/ingest", {
          method: "POST",
          body: body as BodyInit,
          headers: { "content-type": "application/json" },
        }),
        deps,
      );
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as { error?: string; results?: ElementResult[] } };
    };

    // Messages that are JSON text go as elements of arrays, up to REQUEST_BYTES a request; the others alone.
    let quarantined = 0;
    let ignored = 0;
    let refused = 0;
    let batch: HostileMessage[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const sent = batch;
      batch = [];
      batchBytes = 0;
      const decoder = new TextDecoder();
      const answer = await post(`[${sent.map((m) => decoder.decode(m.body)).join(",")}]`);
      expect([200, 422], answer.body.error).toContain(answer.status);
      answer.body.results!.forEach((result, i) => {
        const m = sent[i]!;
        const got = result.status === "duplicate" ? "stored" : result.status;
        expect(got, `${m.kind}: ${result.reason ?? ""}`).toBe(m.expect);
        if (got !== "stored") expect(result.reason, m.kind).toBeTruthy();
        if (got === "quarantined") quarantined++;
        if (got === "ignored") ignored++;
      });
    };
    for (const m of messages) {
      // Whitespace-only text is valid UTF-8 but no element; it goes alone like the non-JSON ones.
      const element = m.json && (m.expect !== "quarantined" || isJsonValue(m.body));
      if (!element) {
        const answer = await post(m.body);
        expect(answer.status, m.kind).toBeGreaterThanOrEqual(400);
        expect(answer.status, m.kind).toBeLessThan(500);
        if (answer.status === 422) {
          quarantined++;
          expect(answer.body.results![0]!.reason, m.kind).toBeTruthy();
        } else {
          refused++;
          expect(answer.body.error, m.kind).toBeTruthy();
        }
        continue;
      }
      if (batch.length === MAX_ELEMENTS || batchBytes + m.body.byteLength + 1 > REQUEST_BYTES) await flush();
      batch.push(m);
      batchBytes += m.body.byteLength + 1;
    }
    await flush();

    expect(quarantined + ignored + refused).toBe(HOSTILE);
    expect(ignored).toBe(expected.ignored);
    expect(refused).toBeGreaterThan(1000); // bad UTF-8, NaN text, truncated JSON, empty bodies
    expect(deps.counters).toMatchObject({ notificationsStored: VALID, duplicates: 0, failedRequests: 0 });
    await expectExactlyTheValidStored(httpDb);
    expect(await httpDb.prisma.quarantinedMessage.count()).toBe(quarantined);
  });
});

/** Whether the bytes are one JSON value (what can stand as an array element). */
function isJsonValue(body: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    return true;
  } catch {
    return false;
  }
}
