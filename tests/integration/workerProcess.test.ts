// The worker as operators run it: a separate process (`tsx worker/main.ts`, configured by
// environment), killed with SIGKILL mid-stream and restarted (nothing lost, nothing stored
// twice), stopped with SIGTERM (the batch in hand is committed and acked, exit code 0), and
// stopped as `npm start` under Ctrl-C or systemd stops it: a signal to its whole process group
// plus the SIGTERM that scripts/start.ts forwards (one drain, exit code 0).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AMQP_URL, envelopeV2, openBroker, profilerPayload, uniqueName, type Broker } from "../support/amqp";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { waitFor } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

type Worker = { child: ChildProcess; logs: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/**
 * `tsx worker/main.ts` as one process (node --import tsx), so signals reach the worker itself;
 * `detached` puts it in a process group of its own, which the test can signal as a whole.
 */
function spawnWorker(env: Record<string, string>, detached = false): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: process.cwd(),
    detached,
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

/** `spans` spans in `traces` traces, starts and stops far apart in the stream, as two halves. */
function traffic(traces: number, spansPerTrace: number): { bodies: string[]; traceIds: string[] } {
  const traceIds = Array.from({ length: traces }, () => randomUUID());
  const starts: string[] = [];
  const stops: string[] = [];
  traceIds.forEach((traceId, t) => {
    for (let s = 0; s < spansPerTrace; s++) {
      const spanId = randomUUID();
      const base = {
        traceId,
        spanId,
        parentId: traceId,
        name: "db",
        service: "nova-api",
        info: { db: { statement: `SELECT ${t}, ${s}`, params: {} } },
      };
      starts.push(envelopeV2(profilerPayload({ ...base, phase: "start", us: T0 + s * 10 })));
      stops.push(envelopeV2(profilerPayload({ ...base, phase: "stop", us: T0 + s * 10 + 5, info: {} })));
    }
  });
  // Interleave so a span's stop arrives about half the stream after its start.
  const half = Math.ceil(starts.length / 2);
  return {
    bodies: [...starts.slice(0, half), ...starts.slice(half).flatMap((b, i) => [b, stops[i]!]), ...stops.slice(starts.length - half)],
    traceIds,
  };
}

/** The worker's log messages, in order. */
function messages(worker: Worker): string[] {
  return worker.logs.map((l) => (JSON.parse(l) as { msg: string }).msg);
}

async function count(db: TestDb, sql: string): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(sql);
  return Number(rows[0]!.n);
}

describe.each(DIALECTS)("worker process on %s", (dialect) => {
  let db: TestDb;
  let broker: Broker;
  const queues: string[] = [];
  const exchanges: string[] = [];
  const workers: Worker[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDb(dialect), openBroker()]);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    for (const proxy of proxies) await proxy.close();
    await broker?.cleanup({ queues, exchanges });
    await db?.drop();
  });

  /** A durable queue bound as the worker binds it, so messages wait for a worker that is not running yet. */
  async function prepare(): Promise<{ exchange: string; queue: string; env: Record<string, string> }> {
    const exchange = uniqueName("ostrace-test-nova");
    const queue = uniqueName("ostrace-test-worker");
    exchanges.push(exchange);
    queues.push(queue);
    await broker.declareOsloExchange(exchange);
    await broker.channel.assertQueue(queue, { durable: true });
    await broker.channel.bindQueue(queue, exchange, "profiler.*");
    return { exchange, queue, env: { AMQP_URL, DATABASE_URL: db.url, OSTRACE_EXCHANGES: exchange, OSTRACE_QUEUE: queue } };
  }
  const start = (env: Record<string, string>, detached = false) => {
    const worker = spawnWorker(env, detached);
    workers.push(worker);
    return worker;
  };

  it("loses nothing and stores nothing twice when SIGKILLed mid-stream and restarted", { timeout: 180_000 }, async () => {
    const { exchange, queue, env } = await prepare();
    const { bodies, traceIds } = traffic(40, 100);
    await broker.publishMany(exchange, bodies);
    const spanTotal = 4000;
    const inTrace = `"trace_id" IN (${traceIds.map((id) => `'${id}'`).join(", ")})`;
    const spans = () => count(db, `SELECT count(*) AS n FROM "span" WHERE ${inTrace}`);

    const first = start({ ...env, OSTRACE_BATCH_SIZE: "100", OSTRACE_BATCH_MS: "50" });
    await waitFor("the first worker to commit some batches", async () => (await spans()) >= 300, 60_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const storedBeforeKill = await spans();
    const complete = () =>
      count(db, `SELECT count(*) AS n FROM "span" WHERE ${inTrace} AND "start_us" IS NOT NULL AND "stop_us" IS NOT NULL`);
    expect(await complete()).toBeLessThan(spanTotal); // really mid-stream

    const second = start({ ...env, OSTRACE_BATCH_SIZE: "100", OSTRACE_BATCH_MS: "50" });
    await waitFor("every span complete after the restart", async () => (await complete()) === spanTotal, 120_000);
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });

    expect(storedBeforeKill).toBeGreaterThan(0);
    expect(await spans()).toBe(spanTotal);
    const summaries = await db.prisma.trace.findMany({ where: { traceId: { in: traceIds } } });
    expect(summaries).toHaveLength(40);
    for (const t of summaries) expect([t.spanCount, t.startCount, t.stopCount, t.errorCount]).toEqual([100, 100, 100, 0]);
    expect(await db.prisma.quarantinedMessage.count({ where: { origin: { startsWith: exchange } } })).toBe(0);
    expect(await broker.messageCount(queue)).toBe(0);
  });

  it("on SIGTERM commits and acks the batch in hand, then exits 0", { timeout: 120_000 }, async () => {
    const { exchange, queue, env } = await prepare();
    const { bodies, traceIds } = traffic(5, 50);
    // A batch that would only be cut after a minute: nothing is committed before the signal.
    const worker = start({ ...env, OSTRACE_BATCH_SIZE: "5000", OSTRACE_BATCH_MS: "60000" });
    await waitFor("the worker to consume", () => worker.logs.some((l) => l.includes('"msg":"consuming"')), 60_000);
    await broker.publishMany(exchange, bodies);
    await waitFor("every message delivered to the worker", async () => (await broker.messageCount(queue)) === 0);
    expect(await db.prisma.span.count({ where: { traceId: { in: traceIds } } })).toBe(0);

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await db.prisma.span.count({ where: { traceId: { in: traceIds }, startUs: { not: null }, stopUs: { not: null } } })).toBe(250);
    expect(await broker.messageCount(queue)).toBe(0); // acked: unacked messages would be back in the queue
    const messages = worker.logs.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(["signal received: finishing the current batch, then exiting", "stopped"]));
    const status = await db.prisma.collectorStatus.findUniqueOrThrow({ where: { id: queue } });
    expect(status.connected).toBe(false);
    expect(JSON.parse(status.counters)).toMatchObject({ received: 500, notificationsStored: 500, batches: 1 });
  });

  /**
   * A worker consuming through a proxy, with `bodies` delivered and waiting in a batch that is cut
   * only on stop; then the proxy holds what the worker sends, so a drain started by a signal
   * waits (on the broker's reply to its consumer cancel) until the test releases it.
   */
  async function workerWithHeldDrain(bodies: string[]) {
    const { exchange, queue, env } = await prepare();
    const amqp = new URL(AMQP_URL);
    const proxy = await startTcpProxy(amqp.hostname, Number(amqp.port || 5672));
    proxies.push(proxy);
    amqp.port = String(proxy.port);
    const worker = start({ ...env, AMQP_URL: amqp.toString(), OSTRACE_BATCH_SIZE: "5000", OSTRACE_BATCH_MS: "60000" }, true);
    await waitFor("the worker to consume", () => messages(worker).includes("consuming"), 60_000);
    await broker.publishMany(exchange, bodies);
    await waitFor("every message delivered to the worker", async () => (await broker.messageCount(queue)) === 0);
    proxy.hold();
    return { exchange, queue, env, worker, proxy };
  }
  const logged = (worker: Worker, prefix: string) => messages(worker).filter((m) => m.startsWith(prefix)).length;

  it.each([
    ["Ctrl-C under npm start", "SIGINT"],
    ["systemd's default stop", "SIGTERM"],
  ] as const)(
    "drains once and exits 0 when %s signals its whole process group and npm start forwards a SIGTERM",
    { timeout: 120_000 },
    async (_, groupSignal) => {
      const { bodies, traceIds } = traffic(5, 50);
      const { queue, worker, proxy } = await workerWithHeldDrain(bodies);

      process.kill(-worker.child.pid!, groupSignal); // the terminal's Ctrl-C, or systemd, to every process of the group
      await waitFor("the drain to start", () => logged(worker, "signal received") === 1);
      worker.child.kill("SIGTERM"); // what scripts/start.ts sends each child when it is stopped
      await waitFor("the second signal", () => logged(worker, "signal received") === 2);
      proxy.release();
      expect(await worker.exited).toEqual({ code: 0, signal: null });

      const log = messages(worker);
      expect(log.filter((m) => m.startsWith("signal received"))).toEqual([
        "signal received: finishing the current batch, then exiting",
        "signal received while stopping: still finishing the current batch (one more signal exits at once)",
      ]);
      expect(log.filter((m) => m === "stopping: committing and acknowledging what was received")).toHaveLength(1);
      expect(log.at(-1)).toBe("stopped");
      expect(await db.prisma.span.count({ where: { traceId: { in: traceIds }, startUs: { not: null }, stopUs: { not: null } } })).toBe(250);
      expect(await broker.messageCount(queue)).toBe(0);
      const status = await db.prisma.collectorStatus.findUniqueOrThrow({ where: { id: queue } });
      expect(JSON.parse(status.counters)).toMatchObject({ received: 500, notificationsStored: 500, batches: 1 });
    },
  );

  it("exits at once on a third signal during the drain, and a restarted worker then stores everything", { timeout: 120_000 }, async () => {
    const { bodies, traceIds } = traffic(5, 50);
    const { exchange, queue, env, worker: first, proxy } = await workerWithHeldDrain(bodies);

    process.kill(-first.child.pid!, "SIGINT");
    await waitFor("the drain to start", () => logged(first, "signal received") === 1);
    first.child.kill("SIGTERM");
    await waitFor("the second signal", () => logged(first, "signal received") === 2);
    first.child.kill("SIGINT"); // Ctrl-C pressed again
    expect(await first.exited).toEqual({ code: 1, signal: null });
    expect(messages(first).at(-1)).toBe("signal received again: exiting without finishing the batch (RabbitMQ redelivers it)");
    await proxy.close();

    const second = start({ ...env, OSTRACE_BATCH_SIZE: "100", OSTRACE_BATCH_MS: "50" });
    const complete = () => db.prisma.span.count({ where: { traceId: { in: traceIds }, startUs: { not: null }, stopUs: { not: null } } });
    await waitFor("every span stored by the restarted worker", async () => (await complete()) === 250, 60_000);
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(await broker.messageCount(queue)).toBe(0);
    expect(await db.prisma.quarantinedMessage.count({ where: { origin: { startsWith: exchange } } })).toBe(0);
  });

  it("refuses a bad configuration with one line per problem and exit code 2", { timeout: 60_000 }, async () => {
    const worker = start({ DATABASE_URL: db.url, OSTRACE_BATCH_SIZE: "lots", OSTRACE_PREFETCH: "0" });
    expect(await worker.exited).toEqual({ code: 2, signal: null });
    const text = worker.logs.join("\n");
    expect(text).toContain('OSTRACE_BATCH_SIZE="lots": expected a whole number from 1 to 10000');
    expect(text).toContain('OSTRACE_PREFETCH="0"');
  });
});
