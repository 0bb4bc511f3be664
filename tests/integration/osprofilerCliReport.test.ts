// "Download OSprofiler JSON" against the real thing, byte for byte. OSprofiler's own messaging
// driver sends a trace whose payloads are hard to keep exact (integers beyond 2^53 and 2^63,
// 3.0 and -0.0, 1e-07, non-ASCII and control characters, lone surrogates, an exception, a lost
// stop) through RabbitMQ. The same notifications reach ostrace's collector (its own queue, on
// SQLite and on PostgreSQL) and `osprofiler trace show --json` (Debian's CLI, with the messaging
// driver: it drains the queue profiler.info of the exchange "openstack", which the sending
// notifier declares too). ostrace's download must be what the CLI printed, byte for byte.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getReport } from "@/app/api/traces/[traceId]/osprofiler.json/route";
import { createVhost, withThrowawayChannel, type Vhost } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, useSharedDb as pointRoutesAt } from "./apiSeed";
import { settled, startCollector, waitFor, type Harness } from "./collectorHarness";

const SENDER = "tests/integration/osprofilerFidelitySender.py";
/** Where oslo.messaging's notification listener for the topic "profiler" reads (priority info). */
const CLI_QUEUE = "profiler.info";

type Exit = { code: number | null; stdout: string; stderr: string };

/** Collects a child's output; `exited` settles when it ends. */
function watch(child: ChildProcessWithoutNullStreams): { exited: Promise<Exit>; stdout: () => string } {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { exited, stdout: () => stdout };
}

describe("ostrace's osprofiler.json against `osprofiler trace show --json`", () => {
  let vhost: Vhost | undefined;
  const dbs: TestDb[] = [];
  const harnesses: Harness[] = [];
  const children: ChildProcessWithoutNullStreams[] = [];

  beforeAll(async () => {
    vhost = createVhost("ostrace-test-cli");
    dbs.push(...(await Promise.all(DIALECTS.map((dialect) => createTestDb(dialect)))));
  }, 120_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill();
    await Promise.all(harnesses.map((h) => h.collector.stop()));
    await pointRoutesAt(null);
    await Promise.all(dbs.map((db) => db.drop()));
    vhost?.drop();
  }, 120_000);

  it("gives the CLI's bytes for the same notifications, on SQLite and PostgreSQL", { timeout: 180_000 }, async () => {
    for (const db of dbs) harnesses.push(startCollector(db, { exchanges: ["openstack"], amqpUrls: [vhost!.amqpUrl] }));
    await Promise.all(harnesses.map((h) => h.collector.whenConsuming()));

    const baseId = randomUUID();
    const sender = spawn("/usr/bin/python3", [SENDER, vhost!.transportUrl, baseId]);
    children.push(sender);
    const sending = watch(sender);
    await waitFor("the sender connected", () => sending.stdout().startsWith("ready\n") || sender.exitCode !== null, 60_000);
    if (sender.exitCode !== null) {
      const { stderr } = await sending.exited;
      throw new Error(
        `${SENDER} failed (it needs python3-osprofiler and python3-oslo.messaging for /usr/bin/python3):\n${stderr.slice(-3000)}`,
      );
    }

    // The CLI waits --idle-timeout seconds after the last notification it read (from its start when none came yet).
    const cli = spawn("/usr/bin/osprofiler", [
      "trace",
      "show",
      "--json",
      baseId,
      "--connection-string",
      "messaging://",
      "--transport-url",
      vhost!.transportUrl,
      "--idle-timeout",
      "5",
    ]);
    children.push(cli);
    const showing = watch(cli);
    const connection = await amqp.connect(vhost!.amqpUrl);
    try {
      const consumers = () => withThrowawayChannel(connection, async (ch) => (await ch.checkQueue(CLI_QUEUE)).consumerCount).catch(() => 0);
      await waitFor("osprofiler trace show listening", async () => cli.exitCode !== null || (await consumers()) > 0, 60_000);
    } finally {
      await connection.close();
    }
    sender.stdin.end("go\n");

    const sent = await sending.exited;
    expect(sent.code, sent.stderr).toBe(0);
    const { notifications } = JSON.parse(sent.stdout.trim().split("\n").pop()!) as { notifications: number };
    expect(notifications).toBe(9); // wsgi, compute_api, db, rpc (raised) with both halves, vif_driver's start alone

    const shown = await showing.exited;
    expect(shown.code, shown.stderr).toBe(0);
    const cliReport = shown.stdout;
    // What makes this trace hard, as the CLI prints it.
    for (const literal of [
      '"id": 9007199254740993',
      '"max": 9223372036854775807',
      '"beyond": 123456789012345678901234567890',
      '"ratio": 3.0',
      '"tiny": 1e-07',
      '"huge": 1e+16',
      '"negative_zero": -0.0',
      "\\ud800",
      "\\u00e9",
      "\\u0000\\u0001\\u001f\\u007f",
      '"exception": "__main__.InstanceNotFound"',
    ]) {
      expect(cliReport).toContain(literal);
    }

    for (const [k, db] of dbs.entries()) {
      await waitFor(
        `the ${db.dialect} collector stored all ${notifications} notifications`,
        () => settled(harnesses[k]!.collector, notifications),
        60_000,
      );
      // Redaction is on, as by default: these payloads hold no secret, so it must leave every byte
      // as it came (a masked value would differ from the CLI's output by design).
      expect(harnesses[k]!.collector.counters).toMatchObject({
        received: notifications,
        notificationsStored: notifications,
        quarantined: 0,
        redactedValues: 0,
      });
      await pointRoutesAt(db.url);
      const download = await callRoute<unknown, { traceId: string }>(getReport, `/api/traces/${baseId}/osprofiler.json`, {
        traceId: baseId,
      });
      expect(download.status).toBe(200);
      expect(download.text, `${db.dialect}: ostrace's osprofiler.json differs from the CLI's output`).toBe(cliReport);
      // The stored rests are JSON text to the database itself, the kept literals included (json,
      // not jsonb: jsonb refuses \u0000 and lone surrogates, and reorders keys).
      const p = db.dialect === "sqlite" ? "?" : "$1";
      const valid = db.dialect === "sqlite" ? (c: string) => `json_valid(${c})` : (c: string) => `(${c})::json IS NOT NULL`;
      const [counts] = await db.prisma.$queryRawUnsafe<{ rests: bigint | number; valid: bigint | number; exact: bigint | number }[]>(
        `SELECT COUNT(start_rest) + COUNT(stop_rest) AS rests,
                SUM(CASE WHEN start_rest IS NULL OR ${valid("start_rest")} THEN 1 ELSE 0 END) + SUM(CASE WHEN stop_rest IS NULL OR ${valid("stop_rest")} THEN 1 ELSE 0 END) AS valid,
                SUM(CASE WHEN start_rest LIKE '%9007199254740993%' THEN 1 ELSE 0 END) AS exact
         FROM span WHERE trace_id = ${p}`,
        baseId,
      );
      expect({ rests: Number(counts!.rests), valid: Number(counts!.valid), exact: Number(counts!.exact) }).toEqual({
        rests: notifications,
        valid: 10,
        exact: 1,
      });
    }
  });
});
