// HTTP ingest against both databases: the handler behind POST /api/ingest with the real
// storeBatch, then the real route modules (POST /api/ingest, GET /metrics, GET /api/status).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { checkDatabaseWritable } from "@/lib/db/checkDatabaseWritable";
import { storeBatch } from "@/lib/db/storeBatch";
import { writeCollectorStatus } from "@/lib/db/writeCollectorStatus";
import { createCollectorCounters, createHttpIngestCounters } from "@/lib/ingest/counters";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { createRateLimiter } from "@/lib/ingest/createRateLimiter";
import { handleIngestRequest, type IngestDeps } from "@/lib/api/handleIngestRequest";
import { createLogger } from "@/lib/log";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, PG_ADMIN_URL, type TestDb } from "../support/testDb";
import { readSpans, readTrace } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const MB = 1024 * 1024;

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }): Request {
  // A streamed body needs duplex "half" (undici); Node's RequestInit type does not list it yet.
  const init = { method: "POST", body, headers, duplex: "half" } as RequestInit;
  return new Request("http://localhost/api/ingest", init);
}

type IngestResponse = {
  received: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  ignored: number;
  results: { index: number; status: string; reason?: string }[];
};

describe.each(DIALECTS)("HTTP ingest on %s", (dialect) => {
  let db: TestDb;
  let deps: IngestDeps;
  const logs: Record<string, unknown>[] = [];
  beforeAll(async () => {
    db = await createTestDb(dialect);
    const log = createLogger("test", "debug", (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
    deps = {
      storeBatch: (batch) => storeBatch(db, batch),
      maxNotificationBytes: MB,
      quarantineMaxBytes: 1024,
      counters: createHttpIngestCounters(),
      log,
      quarantineLog: createQuarantineLog(log),
    };
  });
  afterAll(async () => {
    await db?.drop();
  });
  const ingest = async (request: Request) => {
    const response = await handleIngestRequest(request, deps);
    return { status: response.status, body: (await response.json()) as IngestResponse & { error?: string } };
  };

  it("stores one envelope, and an array in all three shapes, telling duplicates apart", async () => {
    const traceId = randomUUID();
    const spanId = randomUUID();
    const start = profilerPayload({
      traceId,
      spanId,
      parentId: traceId,
      name: "wsgi",
      phase: "start",
      us: T0,
      info: { request: { method: "GET", path: "/v2.1/flavors", query: "", scheme: "http" } },
    });
    const stop = profilerPayload({ traceId, spanId, parentId: traceId, name: "wsgi", phase: "stop", us: T0 + 40 });
    const child = profilerPayload({ traceId, spanId: randomUUID(), parentId: spanId, name: "db", phase: "start", us: T0 + 5 });
    const bareOslo = JSON.parse(JSON.parse(envelopeV2(child))["oslo.message"]);

    const single = await ingest(post(envelopeV2(start)));
    expect(single).toEqual({
      status: 200,
      body: { received: 1, stored: 1, duplicates: 0, dropped: 0, quarantined: 0, ignored: 0, results: [{ index: 0, status: "stored" }] },
    });

    const array = await ingest(post(JSON.stringify([JSON.parse(envelopeV2(stop)), bareOslo, start, stop])));
    expect(array.status).toBe(200);
    expect(array.body.results.map((r) => r.status)).toEqual(["stored", "stored", "duplicate", "duplicate"]);
    expect(array.body).toMatchObject({ received: 4, stored: 2, duplicates: 2 });

    const spans = await readSpans(db, traceId);
    expect(spans).toHaveLength(2);
    expect(await readTrace(db, traceId)).toMatchObject({
      spanCount: 2,
      startCount: 2,
      stopCount: 1,
      rootMethod: "GET",
      rootPath: "/v2.1/flavors",
      durationUs: 40,
    });
  });

  it("quarantines each bad element with its reason, ignores non-profiler events, stores the rest", async () => {
    const traceId = randomUUID();
    const valid = (n: number) =>
      profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 + n });
    const elements = [
      valid(1),
      { "oslo.version": "1.0", "oslo.message": "{}" },
      { ...valid(2), base_id: undefined },
      { ...valid(3), trace_id: "12345" },
      { ...valid(4), timestamp: 17 },
      JSON.parse(envelopeV2({ instance: "x" }, "compute.instance.update")),
      { ...valid(5), info: { host: "h", blob: "y".repeat(5 * MB) } },
      { ...valid(6), project: "no\u0000va" },
      valid(7),
    ];
    const response = await ingest(
      post(JSON.stringify(elements), { "content-type": "application/json; charset=utf-8", "x-forwarded-for": "10.0.0.7, 10.0.0.1" }),
    );
    expect(response.status).toBe(200);
    expect(response.body.results.map((r) => r.status)).toEqual([
      "stored",
      "quarantined",
      "quarantined",
      "quarantined",
      "quarantined",
      "ignored",
      "quarantined",
      "quarantined",
      "stored",
    ]);
    const reasons = response.body.results.map((r) => r.reason ?? "");
    expect(reasons[1]).toMatch(/unsupported envelope/);
    expect(reasons[2]).toMatch(/base_id/);
    expect(reasons[3]).toMatch(/trace_id: expected a UUID/);
    expect(reasons[4]).toMatch(/timestamp/);
    expect(reasons[5]).toMatch(/not a profiler event/);
    expect(reasons[6]).toMatch(/exceeds the limit of 1048576 bytes/);
    expect(reasons[7]).toMatch(/NUL/);
    expect(response.body).toMatchObject({ received: 9, stored: 2, quarantined: 6, ignored: 1 });
    expect(await readSpans(db, traceId)).toHaveLength(2);

    const rows = await db.prisma.quarantinedMessage.findMany({
      where: { source: "http", origin: { startsWith: "http 10.0.0.7 [" } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.origin)).toEqual([1, 2, 3, 4, 6, 7].map((i) => `http 10.0.0.7 [${i}]`));
    const big = rows[4]!;
    expect(big).toMatchObject({ truncated: true, bodyBytes: Buffer.byteLength(JSON.stringify(elements[6])) });
    expect(big.body.byteLength).toBe(1024);
    expect(Buffer.from(rows[0]!.body).toString()).toBe(JSON.stringify(elements[1]));
  });

  it("answers a request that is wrong as a whole with a clear 4xx and stores nothing", async () => {
    const before = await db.prisma.quarantinedMessage.count();
    const cases: [Request, number, RegExp][] = [
      [post("{not json"), 400, /not valid JSON/],
      [post(new Uint8Array([0x7b, 0xff, 0x7d])), 400, /not valid JSON: body is not valid UTF-8/],
      [post(""), 400, /empty request body/],
      [post("[]"), 400, /empty array/],
      [post("{}", { "content-type": "text/plain" }), 415, /Content-Type application\/json/],
      [post(new TextEncoder().encode("{}"), {}), 415, /got none/],
      [post("{}", {}), 415, /got "text\/plain;charset=UTF-8"/],
      [post(JSON.stringify(new Array(10_001).fill({}))), 413, /at most 10000/],
      [post("x".repeat(16 * MB + 1)), 413, /exceeds 16777216 bytes/],
      [post(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(MB)) }), { "content-type": "application/json" }), 413, /exceeds/],
    ];
    for (const [request, status, error] of cases) {
      const response = await handleIngestRequest(request, deps);
      expect(response.status, String(error)).toBe(status);
      const body = (await response.json()) as { error: string };
      expect(body.error).toMatch(error);
    }
    expect(await db.prisma.quarantinedMessage.count()).toBe(before);
  });

  it("quarantines a payload nested 6,000 deep (36 KB) with its reason and stores its siblings, on the same request", async () => {
    const traceId = randomUUID();
    const valid = (n: number) =>
      profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 + n });
    const deepInfo = `{"host": "h", "x": ${'{"a":'.repeat(6000)}1${"}".repeat(6000)}}`;
    const deep = JSON.stringify(valid(2)).replace(/"info":\{[^}]*\}/, `"info": ${deepInfo}`);
    expect(deep.length).toBeGreaterThan(36_000);
    const body = `[${JSON.stringify(valid(1))}, ${deep}, ${envelopeV2(valid(3))}]`;
    const response = await ingest(post(body));
    expect(response.status).toBe(200);
    expect(response.body.results.map((r) => r.status)).toEqual(["stored", "quarantined", "stored"]);
    expect(response.body.results[1]!.reason).toBe("element [1] nests objects and arrays deeper than 64 levels (OSTRACE_MAX_JSON_DEPTH)");
    expect(await readSpans(db, traceId)).toHaveLength(2);

    const alone = await ingest(post(deep));
    expect(alone).toMatchObject({
      status: 422,
      body: {
        quarantined: 1,
        results: [{ status: "quarantined", reason: "body nests objects and arrays deeper than 64 levels (OSTRACE_MAX_JSON_DEPTH)" }],
      },
    });
  });

  it("answers a 100,000-deep array with 422 and a reason, not a 500 with an empty body", async () => {
    const response = await ingest(post("[".repeat(100_000) + "]".repeat(100_000)));
    expect(response).toMatchObject({ status: 422, body: { received: 1, quarantined: 1, results: [{ index: 0, status: "quarantined" }] } });
    expect(response.body.results[0]!.reason).toMatch(/^element \[0\] nests objects and arrays deeper than 64 levels/);
  });

  it("answers every malformed body with a 4xx and a JSON reason", async () => {
    const valid = JSON.stringify(
      profilerPayload({ traceId: randomUUID(), spanId: randomUUID(), parentId: randomUUID(), name: "db", phase: "start", us: T0 }),
    );
    const cases: [BodyInit, number, RegExp][] = [
      [valid.slice(0, -3), 400, /not valid JSON/],
      [`[${valid}`, 400, /not valid JSON: unexpected end of the array/],
      [`[${valid},]`, 400, /not valid JSON: an empty element/],
      [`[${valid}] trailing`, 400, /not valid JSON: unexpected text after the array/],
      [`[${valid} ${valid}]`, 400, /not valid JSON: element \[0\]/],
      [`[${valid}, {"a": tru}]`, 400, /not valid JSON: element \[1\]/],
      [`[${valid}, {"a": [}]`, 400, /not valid JSON/],
      [`[${valid}, {"a": ]}]`, 400, /not valid JSON/],
      ["[NaN]", 400, /not valid JSON/],
      ["[Infinity]", 400, /not valid JSON/],
      ['["\ud800"]', 422, /expected a JSON object, got a string/],
      ["[1e999999]", 422, /expected a JSON object, got a number/],
      [new Uint8Array([0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d]), 400, /not valid UTF-8/],
      ["\ufeff[]", 400, /empty array/], // a UTF-8 byte order mark is skipped, as TextDecoder does
    ];
    for (const [body, status, error] of cases) {
      const response = await handleIngestRequest(post(body), deps);
      const text = await response.text();
      expect(response.status, `${String(error)}: ${text}`).toBe(status);
      expect(text, String(error)).toMatch(error);
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    }
  });

  it("quarantines the one notification a database refuses while it answers, and stores the rest", async () => {
    const traceId = randomUUID();
    const refused = randomUUID();
    const spec = (spanId: string, n: number) =>
      profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase: "start", us: T0 + n });
    // Stands for a value the database rejects that no validation foresaw: its batches fail, others go through.
    const picky: IngestDeps = {
      ...deps,
      storeBatch: async (batch) => {
        if (batch.notifications.some((n) => n.spanId === refused))
          throw new Error("value too long for type character varying(255)\nDETAIL: ...");
        return storeBatch(db, batch);
      },
      checkWritable: async () => undefined,
    };
    const response = await handleIngestRequest(
      post(JSON.stringify([spec(randomUUID(), 1), spec(refused, 2), spec(randomUUID(), 3)])),
      picky,
    );
    const body = (await response.json()) as IngestResponse;
    expect(response.status).toBe(200);
    expect(body.results).toEqual([
      { index: 0, status: "stored" },
      { index: 1, status: "quarantined", reason: "could not be stored: value too long for type character varying(255)" },
      { index: 2, status: "stored" },
    ]);
    expect(body).toMatchObject({ stored: 2, quarantined: 1 });
    expect(await readSpans(db, traceId)).toHaveLength(2);
    const row = await db.prisma.quarantinedMessage.findFirst({ where: { reason: { startsWith: "could not be stored: value too long" } } });
    expect(Buffer.from(row!.body).toString()).toBe(JSON.stringify(spec(refused, 2)));
  });

  it("quarantines a request with nothing usable and says so with 422", async () => {
    const response = await ingest(post(JSON.stringify({ name: "wsgi-start" })));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ received: 1, stored: 0, quarantined: 1, results: [{ index: 0, status: "quarantined" }] });
  });

  it("answers 503 without a stack trace when the database is unavailable", async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = "/ostrace_no_such_database";
    const missing = await openDb(url.toString());
    try {
      const response = await handleIngestRequest(
        post(
          envelopeV2(
            profilerPayload({ traceId: randomUUID(), spanId: randomUUID(), parentId: randomUUID(), name: "db", phase: "start", us: T0 }),
          ),
        ),
        {
          ...deps,
          storeBatch: (batch) => storeBatch(missing, batch),
        },
      );
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: "the database is unavailable; nothing was stored, retry later" });
      expect(text).not.toMatch(/ at |\.ts:/);

      const probed = await handleIngestRequest(
        post(
          envelopeV2(
            profilerPayload({ traceId: randomUUID(), spanId: randomUUID(), parentId: randomUUID(), name: "db", phase: "start", us: T0 }),
          ),
        ),
        {
          ...deps,
          storeBatch: (batch) => storeBatch(missing, batch),
          checkWritable: () => checkDatabaseWritable(missing),
        },
      );
      expect(probed.status).toBe(503);
    } finally {
      await missing.close();
    }
  });
});

describe("the routes: POST /api/ingest, GET /metrics, GET /api/status", () => {
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

  it("stores through the route and reports it in /metrics and /api/status", async () => {
    const { POST } = await import("@/app/api/ingest/route");
    const traceId = randomUUID();
    const response = await POST(
      post(envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 }))),
    );
    expect(response.status).toBe(200);
    expect(await readSpans(db, traceId)).toHaveLength(1);
    expect((await POST(post("nope"))).status).toBe(400);
    const deep = await POST(post("[".repeat(100_000) + "]".repeat(100_000)));
    expect(deep.status).toBe(422);
    expect(((await deep.json()) as IngestResponse).results[0]!.reason).toMatch(/deeper than 64 levels/);

    await writeCollectorStatus(db, {
      id: "ostrace.routes-test",
      connected: true,
      ready: true,
      startedUs: Date.now() * 1000,
      updatedUs: Date.now() * 1000,
      counters: JSON.stringify({
        ...createCollectorCounters(),
        received: 12,
        notificationsStored: 11,
        quarantined: 1,
        retentionRuns: 2,
        retentionSpansDeleted: 40,
        dbSizeBytes: 4096,
      }),
      lastError: null,
    });

    const { GET: metrics } = await import("@/app/metrics/route");
    const metricsResponse = await metrics();
    expect(metricsResponse.headers.get("content-type")).toMatch(/^text\/plain; version=0.0.4/);
    const lines = (await metricsResponse.text()).split("\n");
    expect(lines).toContain('ostrace_collector_up{queue="ostrace.routes-test"} 1');
    expect(lines).toContain('ostrace_collector_messages_received_total{queue="ostrace.routes-test"} 12');
    expect(lines).toContain('ostrace_http_ingest_notifications_total{result="stored"} 1');
    expect(lines).toContain('ostrace_http_ingest_requests_total{outcome="rejected"} 1');
    expect(lines).toContain("ostrace_db_spans 1");
    expect(lines).toContain('ostrace_retention_deleted_spans_total{queue="ostrace.routes-test"} 40');

    const { GET: status } = await import("@/app/api/status/route");
    const body = (await (await status()).json()) as {
      connected: boolean;
      ready: boolean;
      collector: { queue: string; state: string; counters: { received: number } };
    };
    expect(body).toMatchObject({
      connected: true,
      ready: true,
      collector: { queue: "ostrace.routes-test", state: "connected", ready: true, counters: { received: 12 } },
    });
    // Retention's last figures travel in the same counters.
    expect(body.collector.counters).toMatchObject({
      retentionRuns: 2,
      retentionSpansDeleted: 40,
      retentionLastRunUs: null,
      dbSizeBytes: 4096,
    });
  });
});

describe.each(DIALECTS)("HTTP ingest rate limit on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("answers 429 with Retry-After and a JSON reason past a source's budget, per client and per token, and stores again once paid", async () => {
    let nowMs = 1_000_000;
    const log = createLogger("test", "error", () => undefined);
    const deps: IngestDeps = {
      storeBatch: (batch) => storeBatch(db, batch),
      maxNotificationBytes: MB,
      quarantineMaxBytes: 1024,
      counters: createHttpIngestCounters(),
      log,
      quarantineLog: createQuarantineLog(log),
      now: () => nowMs,
      rateLimit: { limiter: createRateLimiter(100), perSecond: 100 },
    };
    const traceId = randomUUID();
    const batch = (n: number) =>
      JSON.stringify(
        Array.from({ length: n }, (_, i) =>
          JSON.parse(
            envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 + i })),
          ),
        ),
      );
    const from = (client: string, extra: Record<string, string> = {}) => ({
      "content-type": "application/json",
      "x-forwarded-for": `${client}, 10.0.0.1`,
      ...extra,
    });

    // 250 notifications: one second's burst (100) plus 150 of debt, 1.5 s at 100/s.
    expect((await handleIngestRequest(post(batch(250), from("192.0.2.7")), deps)).status).toBe(200);
    const refused = await handleIngestRequest(post(batch(1), from("192.0.2.7")), deps);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /rate limit of 100 notifications per second exceeded for client 192\.0\.2\.7 \(OSTRACE_RATE_LIMIT\); retry after 2 s/,
    );
    // Another client, and a sender with credentials, have their own budgets; the secret is never named.
    expect((await handleIngestRequest(post(batch(1), from("192.0.2.8")), deps)).status).toBe(200);
    const tokenAnswer = await handleIngestRequest(
      post(batch(1), from("192.0.2.7", { authorization: "Bearer s3cr3t-ingest-token-0123" })),
      deps,
    );
    expect(tokenAnswer.status).toBe(200);

    nowMs += 1600;
    expect((await handleIngestRequest(post(batch(1), from("192.0.2.7")), deps)).status).toBe(200);
    expect(deps.counters.rateLimitedRequests).toBe(1);
    expect(await readSpans(db, traceId)).toHaveLength(253);
  });
});
