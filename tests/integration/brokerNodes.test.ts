// The collector's RabbitMQ high-availability settings against the real broker: several AMQP
// URLs (the nodes of a cluster; here one unreachable and the real one), a quorum queue, and the
// clear refusal when the queue already exists with the other type. The 3-node cluster with a
// node stopped mid-stream is tests/integration/scaleOut.test.ts.
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AMQP_URL, envelopeV2, openBroker, profilerPayload, uniqueName, type Broker } from "../support/amqp";
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

  it("says why it cannot use a queue that exists with the other type, and how to move", async () => {
    const nova = await exchange();
    const queue = uniqueName("ostrace-test");
    await broker.channel.assertQueue(queue, { durable: true }); // classic, as every earlier release declared it
    const { collector, logs } = start(db, { exchanges: [nova], queue, queueType: "quorum" });
    await waitFor("a refused attempt", () => logs.some((l) => String(l.msg).startsWith("broker unavailable")));
    const error = String(logs.find((l) => String(l.msg).startsWith("broker unavailable"))!.error);
    expect(error).toContain(`queue ${queue} exists as a classic queue but OSTRACE_QUEUE_TYPE=quorum`);
    expect(error).toContain("give the new queue a new OSTRACE_QUEUE name");
    await collector.stop();
  });
});
