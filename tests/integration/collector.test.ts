// The collector against the real RabbitMQ and both databases: messages are published exactly
// as oslo.messaging publishes them (envelope v2, application/json, topic exchanges declared
// non-durable beforehand, routing key profiler.info), and the test reads what was stored.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { checkDatabaseWritable } from "@/lib/db/checkDatabaseWritable";
import { openDb } from "@/lib/db/client";
import { storeBatch } from "@/lib/db/storeBatch";
import { createHttpIngestCounters } from "@/lib/ingest/counters";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { handleIngestRequest } from "@/lib/api/handleIngestRequest";
import type { IngestBatch } from "@/lib/ingest/types";
import { createLogger } from "@/lib/log";
import type { JsonObject } from "@/lib/notification/types";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";
import {
  closeBrokerConnections,
  envelopeV2,
  openBroker,
  profilerPayload,
  uniqueName,
  type Broker,
  type PayloadSpec,
} from "../support/amqp";
import { createCollectorStore } from "@/worker/createCollectorStore";
import { createTestDb, DIALECTS, PG_ADMIN_URL, type TestDb } from "../support/testDb";
import { readSpans, readTrace, settled, startCollector, waitFor, type Harness } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

//  wsgi  POST /v2.1/servers     nova-api        ctl-1   (exchange nova)
//  └── compute_api              nova-api        ctl-1   raises InstanceNotFound
//      ├── db  SELECT ...       nova-api        ctl-1
//      ├── wsgi GET /v2/images  glance-api      img-1   (exchange glance)
//      └── rpc                  nova-conductor  cond-1  its stop is never sent
function requestTrace(novaExchange: string, glanceExchange: string) {
  const traceId = randomUUID();
  const [wsgi, api, db, glance, rpc] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const nova = { traceId, project: "nova", service: "nova-api", host: "ctl-1" };
  const sent: { exchange: string; payload: JsonObject }[] = [];
  const send = (exchange: string, spec: PayloadSpec) => sent.push({ exchange, payload: profilerPayload(spec) });
  send(novaExchange, {
    ...nova,
    spanId: wsgi,
    parentId: traceId,
    name: "wsgi",
    phase: "start",
    us: T0,
    info: { request: { path: "/v2.1/servers", query: "", method: "POST", scheme: "http" } },
  });
  send(novaExchange, {
    ...nova,
    spanId: api,
    parentId: wsgi,
    name: "compute_api",
    phase: "start",
    us: T0 + 100,
    info: { function: { name: "nova.compute.api.API.create", args: "()", kwargs: "{}" } },
  });
  send(novaExchange, {
    ...nova,
    spanId: db,
    parentId: api,
    name: "db",
    phase: "start",
    us: T0 + 200,
    info: { db: { statement: "SELECT * FROM flavors WHERE flavorid = ?", params: ["1"] } },
  });
  send(novaExchange, { ...nova, spanId: db, parentId: api, name: "db", phase: "stop", us: T0 + 700 });
  send(glanceExchange, {
    traceId,
    project: "glance",
    service: "glance-api",
    host: "img-1",
    spanId: glance,
    parentId: api,
    name: "wsgi",
    phase: "start",
    us: T0 + 800,
    info: { request: { path: "/v2/images", query: "limit=5", method: "GET", scheme: "http" } },
  });
  send(glanceExchange, {
    traceId,
    project: "glance",
    service: "glance-api",
    host: "img-1",
    spanId: glance,
    parentId: api,
    name: "wsgi",
    phase: "stop",
    us: T0 + 1900,
  });
  send(novaExchange, {
    traceId,
    project: "nova",
    service: "nova-conductor",
    host: "cond-1",
    spanId: rpc,
    parentId: api,
    name: "rpc",
    phase: "start",
    us: T0 + 2000,
  });
  send(novaExchange, {
    ...nova,
    spanId: api,
    parentId: wsgi,
    name: "compute_api",
    phase: "stop",
    us: T0 + 2500,
    info: { etype: "InstanceNotFound", message: "Instance 42 could not be found." },
  });
  send(novaExchange, { ...nova, spanId: wsgi, parentId: traceId, name: "wsgi", phase: "stop", us: T0 + 3000 });
  return { traceId, ids: { wsgi, api, db, glance, rpc }, sent };
}

describe.each(DIALECTS)("collector on %s", (dialect) => {
  let db: TestDb;
  let broker: Broker;
  const queues: string[] = [];
  const exchanges: string[] = [];
  const running: Harness[] = [];

  const exchange = async (prefix: string, declare: "oslo" | "durable" | "none" = "oslo") => {
    const name = uniqueName(`ostrace-test-${prefix}`);
    exchanges.push(name);
    if (declare === "oslo") await broker.declareOsloExchange(name);
    if (declare === "durable") await broker.channel.assertExchange(name, "topic", { durable: true });
    return name;
  };
  const start = (...args: Parameters<typeof startCollector>) => {
    const harness = startCollector(...args);
    queues.push(harness.config.queue);
    running.push(harness);
    return harness;
  };
  /** A queue of its own bound to a new exchange, holding `count` start notifications of one trace before any collector runs. */
  const queuedStarts = async (name: string, count: number) => {
    const nova = await exchange("nova");
    const queue = uniqueName(`ostrace-test-${name}`);
    queues.push(queue);
    await broker.channel.assertQueue(queue, { durable: true });
    await broker.channel.bindQueue(queue, nova, "profiler.*");
    const traceId = randomUUID();
    await broker.publishMany(
      nova,
      Array.from({ length: count }, (_, i) =>
        envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 + i })),
      ),
    );
    return { nova, queue, traceId };
  };

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDb(dialect), openBroker()]);
  });
  afterAll(async () => {
    await Promise.all(running.map((h) => h.collector.stop()));
    await broker?.cleanup({ queues, exchanges });
    await db?.drop();
  });

  it("stores a trace sent out of order, in many batches, with duplicates, a missing stop and an exception stop", async () => {
    const [nova, glance] = [await exchange("nova"), await exchange("glance")];
    const trace = requestTrace(nova, glance);
    const { collector, config } = start(db, { exchanges: [nova, glance], batchSize: 3, batchMs: 10 });
    await collector.whenConsuming();

    // Reversed, with the compute_api stop and the db start sent twice.
    const order = [...trace.sent].reverse();
    order.splice(3, 0, trace.sent[7]!, trace.sent[2]!);
    for (const { exchange: ex, payload } of order) await broker.publish(ex, envelopeV2(payload));
    await waitFor("every message committed", () => settled(collector, order.length));

    const spans = await readSpans(db, trace.traceId);
    expect(spans).toHaveLength(5);
    const byId = new Map(spans.map((s) => [s.spanId, convertSpanRowToSpan(s)]));
    expect(byId.get(trace.ids.wsgi)).toMatchObject({
      name: "wsgi",
      parentId: trace.traceId,
      startUs: T0,
      stopUs: T0 + 3000,
      detail: "POST /v2.1/servers",
      error: null,
    });
    expect(byId.get(trace.ids.api)).toMatchObject({
      parentId: trace.ids.wsgi,
      stopUs: T0 + 2500,
      error: { type: "InstanceNotFound", message: "Instance 42 could not be found." },
    });
    expect(byId.get(trace.ids.glance)).toMatchObject({
      project: "glance",
      service: "glance-api",
      host: "img-1",
      detail: "GET /v2/images?limit=5",
    });
    expect(byId.get(trace.ids.rpc)).toMatchObject({ service: "nova-conductor", startUs: T0 + 2000, stopUs: null, stopPayload: null });
    // Lossless: every raw payload comes back exactly as it was sent.
    for (const { payload } of trace.sent) {
      const span = byId.get(payload.trace_id as string)!;
      expect(String(payload.name).endsWith("-start") ? span.startPayload : span.stopPayload).toEqual(payload);
    }

    expect(await readTrace(db, trace.traceId)).toMatchObject({
      startUs: T0,
      endUs: T0 + 3000,
      durationUs: 3000,
      spanCount: 5,
      startCount: 5,
      stopCount: 4,
      errorCount: 1,
      services: "|glance-api|nova-api|nova-conductor|",
      projects: "|glance|nova|",
      hosts: "|cond-1|ctl-1|img-1|",
      rootSpanId: trace.ids.wsgi,
      rootName: "wsgi",
      rootMethod: "POST",
      rootPath: "/v2.1/servers",
    });
    expect(collector.counters).toMatchObject({ received: 11, notificationsStored: 9, duplicates: 2, spansCreated: 5, quarantined: 0 });

    // The heartbeat row tells the web process the collector is connected, with its counters.
    await waitFor("a heartbeat with the counters", async () => {
      const row = await db.prisma.collectorStatus.findUnique({ where: { id: config.queue } });
      return row !== null && row.connected && JSON.parse(row.counters).received === 11;
    });

    // Redelivering everything changes nothing, not even the summary's update time.
    const before = { spans: await readSpans(db, trace.traceId), trace: await readTrace(db, trace.traceId) };
    for (const { exchange: ex, payload } of trace.sent) await broker.publish(ex, envelopeV2(payload));
    await waitFor("the redelivered messages committed", () => settled(collector, 20));
    expect(collector.counters.duplicates).toBe(11);
    expect(await readSpans(db, trace.traceId)).toEqual(before.spans);
    expect(await readTrace(db, trace.traceId)).toEqual(before.trace);

    await collector.stop();
    expect(await broker.messageCount(config.queue)).toBe(0);
    const row = await db.prisma.collectorStatus.findUniqueOrThrow({ where: { id: config.queue } });
    expect(row.connected).toBe(false);
  });

  it("quarantines bad messages (with reason, origin and raw body) and stores their valid neighbours", async () => {
    const nova = await exchange("nova");
    const { collector, config } = start(db, { exchanges: [nova], batchSize: 100, quarantineMaxBytes: 64 * 1024 });
    await collector.whenConsuming();
    const traceId = randomUUID();
    const good = (i: number, phase: "start" | "stop") =>
      envelopeV2(
        profilerPayload({
          traceId,
          spanId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          parentId: traceId,
          name: "db",
          phase,
          us: T0 + i * 10 + (phase === "stop" ? 5 : 0),
        }),
      );
    const valid = profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "db", phase: "start", us: T0 });
    const inner = (payload: unknown) => ({
      message_id: randomUUID(),
      publisher_id: "ctl-1",
      event_type: "profiler.nova-api",
      priority: "INFO",
      payload,
      timestamp: "2024-05-01 10:00:00.000000",
    });
    const fiveMb = envelopeV2({ ...valid, info: { host: "ctl-1", blob: "x".repeat(5 * 1024 * 1024) } });
    const bad: [string, string, RegExp][] = [
      ["invalid JSON", '{"oslo.version": "2.0", "oslo.message": ', /^body is not JSON/],
      ["wrong envelope", JSON.stringify({ "oslo.version": "1.0", "oslo.message": JSON.stringify(inner(valid)) }), /unsupported envelope/],
      [
        "missing ids",
        JSON.stringify({
          "oslo.version": "2.0",
          "oslo.message": JSON.stringify(inner({ ...valid, base_id: undefined, trace_id: undefined })),
        }),
        /base_id.*trace_id/,
      ],
      ["non-UUID ids", envelopeV2({ ...valid, parent_id: "not-a-uuid" }), /parent_id: expected a UUID/],
      ["wrong types", envelopeV2({ ...valid, timestamp: 1714557600, info: "ctl-1" }), /timestamp.*info/],
      ["a NUL in a column", envelopeV2({ ...valid, service: "nova\u0000api" }), /NUL character/],
      ["a 5 MB body", fiveMb, /exceeds the limit of 1048576 bytes/],
    ];
    const bodies: string[] = [];
    bad.forEach(([, body], i) => bodies.push(good(i, "start"), body, good(i, "stop")));
    await broker.publishMany(nova, bodies);
    await waitFor("every message committed", () => settled(collector, bodies.length), 60_000);

    expect(collector.counters).toMatchObject({ received: 21, quarantined: 7, notificationsStored: 14, duplicates: 0 });
    const spans = await readSpans(db, traceId);
    expect(spans).toHaveLength(7);
    expect(spans.every((s) => s.startUs !== null && s.stopUs !== null)).toBe(true);

    const rows = await db.prisma.quarantinedMessage.findMany({ where: { origin: `${nova}/profiler.info` }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.source)).toEqual(new Array(7).fill("amqp"));
    rows.forEach((row, i) => {
      const [label, body, reason] = bad[i]!;
      expect(row.reason, label).toMatch(reason);
      const size = Buffer.byteLength(body);
      expect(row.bodyBytes, label).toBe(size);
      expect(row.truncated, label).toBe(size > 64 * 1024);
      expect(Buffer.from(row.body).toString("utf8"), label).toBe(size > 64 * 1024 ? body.slice(0, 64 * 1024) : body);
    });

    await collector.stop();
    expect(await broker.messageCount(config.queue)).toBe(0);
  });

  it("acks and counts as ignored the non-profiler events of the notifications topic, storing the profiler ones", async () => {
    const nova = await exchange("nova");
    const { collector, config } = start(db, { exchanges: [nova], topics: ["profiler", "notifications"] });
    await collector.whenConsuming();
    const traceId = randomUUID();
    const payload = profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 });
    await broker.publish(nova, envelopeV2({ instance_id: "42", state: "active" }, "compute.instance.update"), "notifications.info");
    await broker.publish(nova, envelopeV2(payload), "notifications.info");
    await broker.publish(nova, envelopeV2(payload, "profiler.nova-api"), "other.info");
    await waitFor("both messages committed", () => settled(collector, 2));
    expect(collector.counters).toMatchObject({ received: 2, ignored: 1, notificationsStored: 1, quarantined: 0 });
    expect(await readSpans(db, traceId)).toHaveLength(1);
    await collector.stop();
    expect(await broker.messageCount(config.queue)).toBe(0);
  });

  it("declares a missing exchange non-durable like oslo.messaging, so a service declaring it later does not fail", async () => {
    const missing = await exchange("heat", "none");
    expect(await broker.exchangeExists(missing)).toBe(false);
    const { collector } = start(db, { exchanges: [missing] });
    await collector.whenConsuming();
    expect(await broker.exchangeExists(missing)).toBe(true);
    await broker.declareOsloExchange(missing); // would fail with 406 PRECONDITION_FAILED on other flags
    const traceId = randomUUID();
    await broker.publish(
      missing,
      envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 })),
    );
    await waitFor("the message committed", () => settled(collector, 1));
    expect(await readSpans(db, traceId)).toHaveLength(1);
    await collector.stop();
  });

  it("consumes from exchanges declared with other flags without redeclaring them", async () => {
    const durable = await exchange("cinder", "durable");
    const oslo = await exchange("nova");
    const { collector, logs } = start(db, { exchanges: [durable, oslo] });
    await collector.whenConsuming();
    const traceId = randomUUID();
    await broker.publish(
      durable,
      envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 })),
    );
    await broker.publish(
      oslo,
      envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 })),
    );
    await waitFor("both messages committed", () => settled(collector, 2));
    expect(await readSpans(db, traceId)).toHaveLength(2);
    expect(logs.filter((l) => l.level === "warn" || l.level === "error")).toEqual([]);
    await collector.stop();
  });

  it("requeues a batch whose transaction failed, after a pause, and stores it exactly once later", async () => {
    const nova = await exchange("nova");
    let failures = 2;
    const { collector, logs } = start(
      db,
      { exchanges: [nova], batchSize: 10 },
      {
        storeBatch: async (batch) => {
          if (failures-- > 0) throw new Error("database is locked (simulated)");
          return storeBatch(db, batch);
        },
        writeStatus: async () => undefined,
        checkWritable: () => checkDatabaseWritable(db),
      },
    );
    await collector.whenConsuming();
    const traceId = randomUUID();
    const bodies = Array.from({ length: 10 }, (_, i) => {
      const spanId = randomUUID();
      return [0, 1].map((phase) =>
        envelopeV2(
          profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase: phase ? "stop" : "start", us: T0 + i * 10 + phase }),
        ),
      );
    }).flat();
    await broker.publishMany(nova, bodies);
    await waitFor("every message committed after the failures", () => collector.counters.notificationsStored === 20);
    expect(collector.counters).toMatchObject({ batchFailures: 2, duplicates: 0, notificationsStored: 20, spansCreated: 10 });
    expect(collector.counters.received).toBeGreaterThan(20); // the failed batches were delivered again
    const spans = await readSpans(db, traceId);
    expect(spans).toHaveLength(10);
    expect(spans.every((s) => s.startUs !== null && s.stopUs !== null)).toBe(true);
    expect(logs.filter((l) => String(l.msg).startsWith("storing a batch failed"))).toHaveLength(2);
    expect(logs.some((l) => l.msg === "the database accepts batches again")).toBe(true);
    await collector.stop();
  });

  it("does not let one message the database rejects poison the queue", async () => {
    const nova = await exchange("nova");
    const poison = randomUUID();
    const { collector, config, logs } = start(
      db,
      { exchanges: [nova], batchSize: 20 },
      {
        // Stands in for a value the database refuses, e.g. one no validation foresaw.
        storeBatch: async (batch) => {
          if (batch.notifications.some((n) => n.spanId === poison)) throw new Error("value rejected by the database (simulated)");
          return storeBatch(db, batch);
        },
        writeStatus: async () => undefined,
        checkWritable: () => checkDatabaseWritable(db),
      },
    );
    await collector.whenConsuming();
    const traceId = randomUUID();
    const bodies = [randomUUID(), poison, randomUUID()].flatMap((spanId) =>
      ["start", "stop"].map((phase) =>
        envelopeV2(profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase: phase as "start", us: T0 })),
      ),
    );
    await broker.publishMany(nova, bodies);
    await waitFor(
      "the batch stored message by message",
      () => collector.counters.notificationsStored === 4 && collector.counters.quarantined === 2,
    );
    expect((await readSpans(db, traceId)).map((s) => s.spanId).sort()).not.toContain(poison);
    expect(await readSpans(db, traceId)).toHaveLength(2);
    const rows = await db.prisma.quarantinedMessage.findMany({ where: { origin: `${nova}/profiler.info` } });
    expect(rows.map((r) => r.reason)).toEqual(new Array(2).fill("the database rejected it: value rejected by the database (simulated)"));
    expect(collector.counters.batchFailures).toBe(3);
    expect(logs.some((l) => String(l.msg).startsWith("a batch failed repeatedly"))).toBe(true);
    await collector.stop();
    expect(await broker.messageCount(config.queue)).toBe(0);
  });

  /**
   * Makes the test database refuse writes until the returned function is called. PostgreSQL: it
   * accepts no connection and the open ones are cut, as in a restart. SQLite: read-only for the
   * collector's connection (PRAGMA query_only; file modes would not stop root).
   */
  async function refuseWrites(): Promise<() => Promise<void>> {
    if (dialect === "sqlite") {
      await db.prisma.$executeRawUnsafe("PRAGMA query_only = ON");
      return async () => void (await db.prisma.$executeRawUnsafe("PRAGMA query_only = OFF"));
    }
    const name = new URL(db.url).pathname.slice(1);
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    return () => admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
  }

  it("waits out a database that refuses writes with the batch whole, and quarantines nothing when it comes back mid-way", async () => {
    const nova = await exchange("nova");
    let attempts = 0;
    let restore: (() => Promise<void>) | null = null;
    const { collector, config, logs } = start(
      db,
      { exchanges: [nova], batchSize: 50 },
      {
        ...createCollectorStore(db),
        storeBatch: async (batch) => {
          // Writable again from the 5th attempt to store on: after the 3 failed batches that make
          // a collector store message by message, this is in the middle of such a pass.
          if (++attempts === 5) await restore!();
          return storeBatch(db, batch);
        },
      },
    );
    await collector.whenConsuming();
    restore = await refuseWrites();
    const traceId = randomUUID();
    const bodies = Array.from({ length: 20 }, (_, i) => {
      const spanId = randomUUID();
      return (["start", "stop"] as const).map((phase) =>
        envelopeV2(
          profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase, us: T0 + i * 10 + (phase === "stop" ? 5 : 0) }),
        ),
      );
    }).flat();
    await broker.publishMany(nova, bodies);
    await waitFor(
      "every message settled once the database takes writes again",
      () => collector.counters.notificationsStored + collector.counters.quarantined === 40,
      60_000,
    );

    expect(attempts).toBeGreaterThanOrEqual(5);
    expect(collector.counters).toMatchObject({ notificationsStored: 40, quarantined: 0, duplicates: 0 });
    const spans = await readSpans(db, traceId);
    expect(spans).toHaveLength(20);
    expect(spans.every((s) => s.startUs !== null && s.stopUs !== null)).toBe(true);
    expect(await db.prisma.quarantinedMessage.count({ where: { origin: `${nova}/profiler.info` } })).toBe(0);
    const failures = logs.filter((l) => String(l.msg).startsWith("storing a batch failed"));
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(failures.every((l) => l.databaseWritable === false)).toBe(true);
    expect(logs.some((l) => String(l.msg).startsWith("a batch failed repeatedly"))).toBe(false);
    await collector.stop();
    expect(await broker.messageCount(config.queue)).toBe(0);
  });

  it("quarantines only the refused message when the database goes down and comes back during the one-by-one pass", async () => {
    const nova = await exchange("nova");
    const poison = randomUUID();
    let attempts = 0;
    let restore: (() => Promise<void>) | null = null;
    const { collector, config } = start(
      db,
      { exchanges: [nova], batchSize: 20 },
      {
        ...createCollectorStore(db),
        storeBatch: async (batch) => {
          // Attempts 1-3: the whole batch, refused for the poison. 4: the first message alone,
          // stored. 5: the second one, as the database stops taking writes, until attempt 7.
          attempts++;
          if (attempts === 5) restore = await refuseWrites();
          if (attempts === 7) await restore!();
          if (batch.notifications.some((n) => n.spanId === poison)) throw new Error("value rejected by the database (simulated)");
          return storeBatch(db, batch);
        },
      },
    );
    await collector.whenConsuming();
    const traceId = randomUUID();
    const [first, last] = [randomUUID(), randomUUID()];
    const bodies = [first, poison, last].flatMap((spanId) =>
      (["start", "stop"] as const).map((phase) =>
        envelopeV2(profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase, us: T0 })),
      ),
    );
    await broker.publishMany(nova, bodies);
    await waitFor(
      "the poison quarantined and the rest stored",
      () => collector.counters.quarantined === 2 && collector.counters.notificationsStored + collector.counters.duplicates === 4,
    );

    expect(attempts).toBeGreaterThan(7);
    const spans = await readSpans(db, traceId);
    expect(spans.map((s) => s.spanId).sort()).toEqual([first, last].sort());
    expect(spans.every((s) => s.startUs !== null && s.stopUs !== null)).toBe(true);
    const rows = await db.prisma.quarantinedMessage.findMany({ where: { origin: `${nova}/profiler.info` } });
    expect(rows.map((r) => JSON.parse(JSON.parse(Buffer.from(r.body).toString("utf8"))["oslo.message"]).payload.trace_id)).toEqual([
      poison,
      poison,
    ]);
    expect(rows.map((r) => r.reason)).toEqual(new Array(2).fill("the database rejected it: value rejected by the database (simulated)"));
    await collector.stop();
    expect(await broker.messageCount(config.queue)).toBe(0);
  });

  it("stops by itself once the queue is drained when asked to (the benchmarks' mode)", async () => {
    const { nova, queue, traceId } = await queuedStarts("drain", 300);
    const { collector } = startCollector(db, { exchanges: [nova], queue, batchSize: 100 }, undefined, { stopWhenDrained: true });
    await collector.done;
    expect(collector.counters).toMatchObject({ received: 300, notificationsStored: 300 });
    expect(await readSpans(db, traceId)).toHaveLength(300);
    expect(await broker.messageCount(queue)).toBe(0);
  });

  it("says in its last line what became of what it received: stored, and dropped by the trace cap", async () => {
    const { nova, queue } = await queuedStarts("capped", 120);
    const store = createCollectorStore(db, { traceMaxSpans: 100, traceMaxBytes: 1024 ** 3 });
    const { collector, logs } = startCollector(db, { exchanges: [nova], queue, batchSize: 50 }, store, { stopWhenDrained: true });
    await collector.done;
    expect(logs.at(-1)).toMatchObject({
      msg: "stopped",
      received: 120,
      stored: 100,
      droppedByTraceCap: 20,
      duplicates: 0,
      quarantined: 0,
      ignored: 0,
    });
  });

  it("shares the database with HTTP ingest writing the same trace at the same time", async () => {
    const nova = await exchange("nova");
    const { collector } = start(db, { exchanges: [nova], batchSize: 25, batchMs: 5 });
    await collector.whenConsuming();
    // The web process has its own connection to the same database.
    const web = await openDb(db.url);
    const deps = {
      storeBatch: (batch: IngestBatch) => storeBatch(web, batch),
      maxNotificationBytes: 1 << 20,
      quarantineMaxBytes: 1024,
      counters: createHttpIngestCounters(),
      log: createLogger("test", "error"),
      quarantineLog: createQuarantineLog(createLogger("test", "error")),
    };
    try {
      const traceId = randomUUID();
      const spanIds = Array.from({ length: 200 }, () => randomUUID());
      const payload = (spanId: string, i: number, phase: "start" | "stop") =>
        profilerPayload({ traceId, spanId, parentId: traceId, name: "db", phase, us: T0 + i * 10 + (phase === "stop" ? 5 : 0) });
      const overAmqp = broker.publishMany(
        nova,
        spanIds.map((id, i) => envelopeV2(payload(id, i, "stop"))),
      );
      const overHttp = Promise.all(
        Array.from({ length: 20 }, async (_, chunk) => {
          const body = JSON.stringify(spanIds.slice(chunk * 10, chunk * 10 + 10).map((id, j) => payload(id, chunk * 10 + j, "start")));
          const response = await handleIngestRequest(
            new Request("http://localhost/api/ingest", { method: "POST", body, headers: { "content-type": "application/json" } }),
            deps,
          );
          expect(response.status).toBe(200);
        }),
      );
      await Promise.all([overAmqp, overHttp]);
      await waitFor("every stop committed", () => settled(collector, 200));
      const spans = await readSpans(db, traceId);
      expect(spans).toHaveLength(200);
      expect(spans.every((s) => s.startUs !== null && s.stopUs !== null)).toBe(true);
      expect(await readTrace(db, traceId)).toMatchObject({ spanCount: 200, startCount: 200, stopCount: 200, durationUs: 1995 });
    } finally {
      await web.close();
    }
  });

  it("says in its status row when its queue is bound, from which moment notifications sent are kept", async () => {
    const nova = await exchange("nova");
    const queue = uniqueName("ostrace-test-ready");
    queues.push(queue);
    const traceId = randomUUID();
    const send = (spanId: string) =>
      broker.publish(nova, envelopeV2(profilerPayload({ traceId, spanId, parentId: traceId, name: "wsgi", phase: "start", us: T0 })));
    const [early, onReady] = [randomUUID(), randomUUID()];
    await send(early); // no queue is bound yet: RabbitMQ drops it, which is why readiness matters
    const readyRow = () => db.prisma.collectorStatus.findUnique({ where: { id: queue } }).then((row) => row?.ready === true);
    expect(await readyRow()).toBe(false);

    const { collector, config } = start(db, { exchanges: [nova], queue });
    await waitFor("the status row to say ready", readyRow);
    await send(onReady);
    await waitFor("the message sent on readiness committed", () => settled(collector, 1));
    expect((await readSpans(db, traceId)).map((s) => s.spanId)).toEqual([onReady]);

    await collector.stop();
    expect(await readyRow()).toBe(false);
    expect(await broker.messageCount(config.queue)).toBe(0);
  });

  it("reconnects when the broker drops its connection, losing nothing", async () => {
    const nova = await exchange("nova");
    const { collector, config, logs } = start(db, { exchanges: [nova], batchSize: 10 });
    await collector.whenConsuming();
    const traceId = randomUUID();
    const span = (i: number, phase: "start" | "stop") =>
      envelopeV2(
        profilerPayload({
          traceId,
          spanId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          parentId: traceId,
          name: "db",
          phase,
          us: T0 + i,
        }),
      );
    await broker.publishMany(
      nova,
      [1, 2, 3].map((i) => span(i, "start")),
    );
    await waitFor("the first messages committed", () => settled(collector, 3));

    expect(closeBrokerConnections(config.queue)).toBe(1);
    await waitFor("the collector to reconnect", () => collector.counters.reconnects === 1 && collector.isConnected());
    await broker.publishMany(
      nova,
      [1, 2, 3].map((i) => span(i, "stop")),
    );
    await waitFor("the later messages committed", () => settled(collector, 6));

    const spans = await readSpans(db, traceId);
    expect(spans.map((s) => [s.startUs, s.stopUs])).toEqual([1, 2, 3].map((i) => [T0 + i, T0 + i]));
    expect(logs.filter((l) => l.msg === "lost the broker; reconnecting")).toHaveLength(1);
    expect(logs.filter((l) => l.msg === "consuming")).toHaveLength(2);
    await collector.stop();
  });

  it("keeps retrying while the broker is absent, one log line per attempt, says so in its status, and stops at once", async () => {
    const { collector, config, logs } = start(db, { exchanges: ["nova"], amqpUrls: ["amqp://guest:secret@127.0.0.1:1"] });
    await waitFor(
      "three connection attempts",
      () => logs.filter((l) => String(l.msg).startsWith("broker unavailable; retrying in")).length >= 3,
    );
    const attempts = logs.filter((l) => String(l.msg).startsWith("broker unavailable"));
    expect(attempts.map((l) => l.attempt).slice(0, 3)).toEqual([1, 2, 3]);
    expect(attempts[0]).toMatchObject({ level: "warn", broker: "amqp://guest:***@127.0.0.1:1" });
    expect(JSON.stringify(logs)).not.toContain("secret");
    await waitFor("a status row saying disconnected", async () => {
      const row = await db.prisma.collectorStatus.findUnique({ where: { id: config.queue } });
      return row !== null && !row.connected && !row.ready && /ECONNREFUSED/.test(row.lastError ?? "");
    });
    await collector.stop();
    expect(collector.isConnected()).toBe(false);
  });
});
