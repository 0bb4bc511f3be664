// Quick collector throughput check: RabbitMQ -> worker -> database, every notification
// committed before its ack. Publishes N realistic envelope-v2 notifications (traces of nested
// wsgi / compute_api / rpc / db calls, ~1 KB each) into a fresh queue, then times
// runCollector(stopWhenDrained) emptying it; then times a bare amqplib consume + multi-ack of
// the same messages as the baseline. Not a test: the formal suite lives in bench/ later.
//
//   npx tsx bench/ingest-quick.ts [count=200000] [sqlite|postgresql] [batchSize=1000] [prefetch=4 x batchSize, the default]
import { randomUUID } from "node:crypto";
import amqp from "amqplib";
import { loadConfig } from "../lib/config";
import { createLogger } from "../lib/log";
import { envelopeV2, openBroker, profilerPayload, uniqueName } from "../tests/support/amqp";
import { createTestDb } from "../tests/support/testDb";
import { createCollectorStore } from "../worker/createCollectorStore";
import { runCollector } from "../worker/runCollector";

const count = Number(process.argv[2] ?? 200_000);
const dialect = (process.argv[3] ?? "sqlite") as "sqlite" | "postgresql";
const batchSize = Number(process.argv[4] ?? 1000);
const prefetch = process.argv[5];

/** One request: wsgi -> compute_api -> (db x k, rpc -> db x 2), in the order a service sends them. */
function traceMessages(): string[] {
  const traceId = randomUUID();
  const out: string[] = [];
  let us = Date.now() * 1000 - 3_600_000_000;
  const call = (name: string, parentId: string, info: Record<string, unknown>, service: string, inner: (id: string) => void) => {
    const spanId = randomUUID();
    const base = { traceId, spanId, parentId, name, project: "nova", service, host: "ctl-1" };
    out.push(envelopeV2(profilerPayload({ ...base, phase: "start", us: (us += 150), info: info as never })));
    inner(spanId);
    out.push(envelopeV2(profilerPayload({ ...base, phase: "stop", us: (us += 900) })));
  };
  const sql = (parent: string, service: string) =>
    call("db", parent, { db: { statement: "SELECT instances.created_at, instances.updated_at, instances.id, instances.uuid FROM instances WHERE instances.uuid = ? AND instances.deleted = ?", params: [randomUUID(), 0] } }, service, () => undefined);
  call("wsgi", traceId, { request: { path: "/v2.1/servers", query: "", method: "POST", scheme: "http" } }, "nova-api", (wsgi) => {
    call("compute_api", wsgi, { function: { name: "nova.compute.api.API.create", args: "(<Context>, <Flavor 1>, 'image')", kwargs: "{}" } }, "nova-api", (api) => {
      for (let i = 0; i < 20; i++) sql(api, "nova-api");
      call("rpc", api, { function: { name: "nova.conductor.rpcapi.ComputeTaskAPI.build_instances", args: "()", kwargs: "{}" } }, "nova-conductor", (rpc) => {
        sql(rpc, "nova-conductor");
        sql(rpc, "nova-conductor");
      });
    });
  });
  return out;
}

const messages: string[] = [];
while (messages.length < count) messages.push(...traceMessages());
messages.length = count;
const avgBytes = Math.round(messages.reduce((n, m) => n + Buffer.byteLength(m), 0) / count);

const broker = await openBroker();
const exchange = uniqueName("bench-nova");
const queue = uniqueName("bench-ostrace");
await broker.declareOsloExchange(exchange);
await broker.channel.assertQueue(queue, { durable: true });
await broker.channel.bindQueue(queue, exchange, "profiler.*");

const db = await createTestDb(dialect);
try {
  let t0 = performance.now();
  await broker.publishMany(exchange, messages);
  console.log(`published ${count} messages (~${avgBytes} B each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const config = { ...loadConfig({ OSTRACE_BATCH_SIZE: String(batchSize), OSTRACE_PREFETCH: prefetch }), exchanges: [exchange], queue };
  const collector = runCollector({
    config,
    store: createCollectorStore(db),
    log: createLogger("bench", "warn"),
    stopWhenDrained: true,
  });
  t0 = performance.now();
  await collector.done;
  const seconds = (performance.now() - t0) / 1000;
  const spans = await db.prisma.span.count();
  const c = collector.counters;
  console.log(
    `collector (${dialect}, batch ${batchSize}, prefetch ${config.prefetch}): ${c.received} received, ${c.notificationsStored} stored, ` +
      `${spans} spans, ${c.batches} batches in ${seconds.toFixed(2)} s = ${Math.round(c.received / seconds)} notifications/s ` +
      `(mean batch ${((c.batchSecondsSum / c.batches) * 1000).toFixed(1)} ms)`,
  );

  // Baseline: the same messages, consumed and multi-acked by bare amqplib.
  await broker.publishMany(exchange, messages);
  const connection = await amqp.connect(config.amqpUrl);
  const channel = await connection.createChannel();
  await channel.prefetch(1000);
  let received = 0;
  t0 = performance.now();
  await new Promise<void>((resolve) => {
    void channel.consume(queue, (message) => {
      if (!message) return;
      received++;
      if (received % 250 === 0 || received === count) channel.ack(message, true);
      if (received === count) resolve();
    });
  });
  const baseline = count / ((performance.now() - t0) / 1000);
  await connection.close();
  console.log(`baseline amqplib consume + multi-ack: ${Math.round(baseline)} messages/s; collector = ${(c.received / seconds / baseline).toFixed(2)} x baseline`);
} finally {
  await broker.cleanup({ queues: [queue], exchanges: [exchange] });
  await db.drop();
}
