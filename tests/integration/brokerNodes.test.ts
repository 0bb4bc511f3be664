// The collector's RabbitMQ high-availability settings against the real broker: several AMQP
// URLs (the nodes of a cluster; here one unreachable and the real one), a quorum queue, and the
// clear refusal when the queue already exists with the other type or flags. The 3-node cluster with a
// node stopped mid-stream is tests/integration/scaleOut.test.ts.
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AMQP_URL, envelopeV2, openBroker, profilerPayload, uniqueName, type Broker } from "../support/amqp";
import { readCollectorStatuses } from "@/lib/db/readCollectorStatuses";
import { createTestDb, type TestDb } from "../support/testDb";
import { readTrace, settled, startCollector, waitFor, type Harness } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

describe("collector on a RabbitMQ cluster's settings", () => {
  let db: TestDb;
  let broker: Broker;
  const queues: string[] = [];
  const exchanges: string[] = [];
  const running: Harness[] = [];

  const start = (...args: Parameters<typeof startCollector>) => {
    const harness = startCollector(...args);
    queues.push(harness.config.queue);
    running.push(harness);
    return harness;
  };
  const exchange = async () => {
    const name = uniqueName("ostrace-test-nova");
    exchanges.push(name);
    await broker.declareOsloExchange(name);
    return name;
  };
  const sendTrace = async (exchangeName: string) => {
    const traceId = randomUUID();
    const spanId = randomUUID();
    const base = { traceId, spanId, parentId: traceId, name: "wsgi", project: "nova", service: "nova-api", host: "ctl-1" };
    await broker.publish(exchangeName, envelopeV2(profilerPayload({ ...base, phase: "start", us: T0 })));
    await broker.publish(exchangeName, envelopeV2(profilerPayload({ ...base, phase: "stop", us: T0 + 500 })));
    return traceId;
  };

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDb("sqlite"), openBroker()]);
  });
  afterAll(async () => {
    await Promise.all(running.map((h) => h.collector.stop()));
    await broker?.cleanup({ queues, exchanges });
    await db?.drop();
  });

  it("passes over a node that is down to the next URL, without a backoff, and stores through it", async () => {
    const nova = await exchange();
    const { collector, logs } = start(db, { exchanges: [nova], amqpUrls: ["amqp://guest:secret@127.0.0.1:1", AMQP_URL] });
    await collector.whenConsuming();
    const skipped = logs.filter((l) => l.msg === "broker node unavailable; trying the next");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ level: "warn", broker: "amqp://guest:***@127.0.0.1:1" });
    expect(logs.filter((l) => String(l.msg).startsWith("broker unavailable; retrying"))).toHaveLength(0);
    expect(logs.find((l) => l.msg === "consuming")).toMatchObject({ broker: AMQP_URL.replace(/:[^:@/]*@/, ":***@") });
    const traceId = await sendTrace(nova);
    await waitFor("the trace committed", () => settled(collector, 2));
    expect(await readTrace(db, traceId)).toMatchObject({ spanCount: 1, startCount: 1, stopCount: 1 });
    expect(JSON.stringify(logs)).not.toContain("secret");
  });

  it("declares a quorum queue when asked, and stores through it", async () => {
    const nova = await exchange();
    const { collector, config } = start(db, { exchanges: [nova], queueType: "quorum" });
    await collector.whenConsuming();
    const types = execFileSync("rabbitmqctl", ["-q", "list_queues", "name", "type"], { encoding: "utf8", timeout: 60_000 });
    expect(types.split("\n").find((line) => line.startsWith(`${config.queue}\t`))).toBe(`${config.queue}\tquorum`);
    const traceId = await sendTrace(nova);
    await waitFor("the trace committed", () => settled(collector, 2));
    expect(await readTrace(db, traceId)).toMatchObject({ spanCount: 1, stopCount: 1 });
  });

  it("says why it cannot use a queue that exists with the other type, and how to move, as no broker outage; consumes once it is gone", async () => {
    const nova = await exchange();
    const queue = uniqueName("ostrace-test");
    await broker.channel.assertQueue(queue, { durable: true }); // classic, as every earlier release declared it
    const { collector, logs } = start(db, { exchanges: [nova], queue, queueType: "quorum" });
    const refused = () => logs.filter((l) => String(l.msg).startsWith(`cannot use queue ${queue} as configured (not a broker outage)`));
    await waitFor("a refused attempt", () => refused().length > 0);
    expect(refused()[0]).toMatchObject({ level: "error", queue });
    const error = String(refused()[0]!.error);
    expect(error).toContain(`queue ${queue} exists as a classic queue but OSTRACE_QUEUE_TYPE=quorum`);
    expect(error).toContain("set OSTRACE_QUEUE_TYPE=classic, or give the new queue a new OSTRACE_QUEUE name");
    expect(logs.filter((l) => String(l.msg).startsWith("broker unavailable"))).toEqual([]);
    // The status row says it too, as a queue problem (npm start and the header's badge read it so).
    await waitFor("the status row", async () => (await readCollectorStatuses(db)).some((row) => row.lastError?.startsWith("queue: ")));
    const row = (await readCollectorStatuses(db)).find((r) => r.id === queue)!;
    expect(row.lastError).toBe(`queue: ${error}`);
    // Deleting the queue is one of the fixes it names: it then declares its own, without a restart.
    await broker.channel.deleteQueue(queue);
    await collector.whenConsuming();
    const traceId = await sendTrace(nova);
    await waitFor("the trace committed", () => settled(collector, 2));
    expect(await readTrace(db, traceId)).toMatchObject({ spanCount: 1, stopCount: 1 });
    await collector.stop();
  });

  it("names a queue that is not durable, past a node that is down, instead of calling the cluster unreachable", async () => {
    const nova = await exchange();
    const queue = uniqueName("ostrace-test");
    queues.push(queue);
    await broker.channel.assertQueue(queue, { durable: false });
    const { collector, logs } = start(db, { exchanges: [nova], queue, amqpUrls: ["amqp://guest:secret@127.0.0.1:1", AMQP_URL] });
    const refused = () => logs.filter((l) => String(l.msg).startsWith(`cannot use queue ${queue}`));
    await waitFor("a refused attempt", () => refused().length > 0);
    expect(String(refused()[0]!.error)).toMatch(
      new RegExp(`^queue ${queue} exists but is not durable, .*rabbitmqctl delete_queue ${queue}`),
    );
    expect(JSON.stringify(logs)).not.toContain("no broker node took the connection");
    await collector.stop();
  });
});
