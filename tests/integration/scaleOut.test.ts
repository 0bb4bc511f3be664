// The scale-out deployment end to end: three collector processes (`worker/main.ts`, as operators
// run them) share one quorum queue on a 3-node RabbitMQ cluster started for the test and write
// one PostgreSQL database. Mid-stream one collector is killed with SIGKILL and the broker node
// holding the queue's leader is killed too. Afterwards nothing is lost, nothing is stored twice,
// and the database equals what one writer storing every notification in order leaves behind.
import { spawn, type ChildProcess } from "node:child_process";
import amqp, { type ChannelModel, type ConfirmChannel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeBatch } from "@/lib/db/storeBatch";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications, OSLO_EXCHANGE_OPTIONS } from "@/testing/synthetic";
import { uniqueName } from "../support/amqp";
import { dumpStored } from "../support/dumpStored";
import { rabbitClusterUnavailable, startRabbitCluster, type RabbitCluster } from "../support/rabbitCluster";
import { createTestDb, type TestDb } from "../support/testDb";
import { waitFor } from "./collectorHarness";

const NOTIFICATIONS = 6000;
const COLLECTORS = 3;
const unavailable = rabbitClusterUnavailable();

type Worker = { child: ChildProcess; logs: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

function spawnWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => logs.push(...chunk.split("\n").filter(Boolean)));
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => logs.push(...chunk.split("\n").filter(Boolean)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, logs, exited };
}

/** Synthetic OpenStack traffic (many traces in flight, SQL texts shared across traces) as oslo message bodies. */
function trafficBodies(): string[] {
  const bodies: string[] = [];
  for (const n of generateProfilerNotifications({ seed: "scale-out", notifications: NOTIFICATIONS, tracesPerSecond: 200 })) {
    bodies.push(convertNotificationToOsloMessage(n).body);
  }
  return bodies;
}

function decode(bodies: string[]): Notification[] {
  const encoder = new TextEncoder();
  return bodies.map((body) => {
    const decoded = decodeMessageBody(encoder.encode(body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`not decodable: ${JSON.stringify(decoded)}`);
    return decoded;
  });
}

async function storedHalves(db: TestDb): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number | null }[]>(`SELECT sum("start_count" + "stop_count")::int AS "n" FROM "trace"`);
  return rows[0]!.n ?? 0;
}

describe.skipIf(unavailable !== null)(
  `3 collectors on PostgreSQL and a 3-node RabbitMQ cluster${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let cluster: RabbitCluster;
    let db: TestDb;
    let reference: TestDb;
    let publisher: ChannelModel;
    let channel: ConfirmChannel;
    const workers: Worker[] = [];

    beforeAll(async () => {
      [cluster, db, reference] = await Promise.all([startRabbitCluster(3), createTestDb("postgresql"), createTestDb("postgresql")]);
    }, 180_000);
    afterAll(async () => {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await publisher?.close().catch(() => undefined);
      await cluster?.close();
      await Promise.all([db?.drop(), reference?.drop()]);
    });

    it(
      "loses nothing and stores nothing twice when a collector and the queue leader's node die mid-stream",
      { timeout: 180_000 },
      async () => {
        const bodies = trafficBodies();
        await storeBatch(reference, { notifications: decode(bodies), quarantined: [] });
        const expectedHalves = await storedHalves(reference);
        expect(expectedHalves).toBe(NOTIFICATIONS);

        const exchange = uniqueName("ostrace-test-nova");
        const queue = uniqueName("ostrace-test-ha");
        // The queue is declared on node 1 first, so its Raft leader starts there (client-local).
        const first = await amqp.connect(cluster.nodes[0]!.url);
        const setup = await first.createChannel();
        await setup.assertQueue(queue, { durable: true, arguments: { "x-queue-type": "quorum" } });
        await setup.assertExchange(exchange, "topic", OSLO_EXCHANGE_OPTIONS);
        await first.close();
        const leaders = await cluster.ctl(2, "list_queues", "name", "leader");
        expect(leaders).toContain(`${queue}\t${cluster.nodes[0]!.name}`);

        // Collector i tries node i first, then the others in turn.
        const urls = cluster.nodes.map((n) => n.url);
        for (let i = 0; i < COLLECTORS; i++) {
          const rotated = [...urls.slice(i), ...urls.slice(0, i)];
          workers.push(
            spawnWorker({
              AMQP_URL: rotated.join(","),
              OSTRACE_QUEUE_TYPE: "quorum",
              OSTRACE_QUEUE: queue,
              OSTRACE_EXCHANGES: exchange,
              DATABASE_URL: db.url,
              OSTRACE_COLLECTOR_NAME: `c${i + 1}`,
              OSTRACE_BATCH_SIZE: "200",
              OSTRACE_BATCH_MS: "50",
            }),
          );
        }
        publisher = await amqp.connect(cluster.nodes[2]!.url);
        channel = await publisher.createConfirmChannel();
        await waitFor("all collectors consuming", async () => (await channel.checkQueue(queue)).consumerCount === COLLECTORS, 90_000);

        // Published from node 3 in paced slices, with confirms: the quorum queue has every one of them.
        const slice = 100;
        for (let i = 0; i < bodies.length; i += slice) {
          for (const body of bodies.slice(i, i + slice))
            channel.publish(exchange, "profiler.info", Buffer.from(body), { contentType: "application/json" });
          await channel.waitForConfirms();
          if (i === 2000) {
            // Mid-stream: the collector on node 2 dies with its batch in hand (unacked: redelivered to the others).
            await waitFor("some batches committed", async () => (await storedHalves(db)) > 500, 60_000);
            workers[1]!.child.kill("SIGKILL");
            expect(await workers[1]!.exited).toEqual({ code: null, signal: "SIGKILL" });
          }
          if (i === 3500) {
            // The node holding the queue's leader (and collector 1's connection) dies; the queue
            // elects a leader on the two nodes left and collector 1 moves to node 2.
            await cluster.killNode(0);
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }

        await waitFor("every notification stored", async () => (await storedHalves(db)) >= expectedHalves, 120_000);
        await waitFor("the queue empty", async () => (await channel.checkQueue(queue)).messageCount === 0, 30_000);
        for (const w of [workers[0]!, workers[2]!]) w.child.kill("SIGTERM");
        expect(await workers[0]!.exited).toEqual({ code: 0, signal: null });
        expect(await workers[2]!.exited).toEqual({ code: 0, signal: null });

        // Collector 1 really lost its node and went on through another one.
        const movedOn = workers[0]!.logs.map((l) => JSON.parse(l) as { msg: string; broker?: string }).filter((l) => l.msg === "consuming");
        expect(movedOn.map((l) => l.broker)).toEqual([
          cluster.nodes[0]!.url.replace(":guest@", ":***@"),
          cluster.nodes[1]!.url.replace(":guest@", ":***@"),
        ]);

        // Each collector has its own heartbeat; collector 1 counted its reconnect, and the two that
        // stopped received (with the killed one's share and its redeliveries) at least the rest.
        const statuses = await db.prisma.collectorStatus.findMany({ orderBy: { id: "asc" } });
        expect(statuses.map((r) => r.id)).toEqual([`${queue}@c1`, `${queue}@c2`, `${queue}@c3`]);
        const counters = statuses.map(
          (r) => JSON.parse(r.counters) as { received: number; reconnects: number; notificationsStored: number; duplicates: number },
        );
        expect(counters[0]!.reconnects).toBeGreaterThanOrEqual(1);
        expect(statuses[0]!.connected).toBe(false);
        expect(statuses[2]!.connected).toBe(false);

        const expected = await dumpStored(reference);
        const actual = await dumpStored(db);
        expect(await storedHalves(db)).toBe(expectedHalves); // nothing lost, nothing counted twice
        expect(actual.spans.length).toBe(expected.spans.length);
        expect(actual.traces).toEqual(expected.traces);
        expect(actual.identifiers).toEqual(expected.identifiers);
        expect(actual.spans).toEqual(expected.spans);
        expect(actual.details).toEqual({ n: expected.details.distinct, distinct: expected.details.distinct });
        expect(await db.prisma.quarantinedMessage.count()).toBe(0);
      },
    );
  },
);
