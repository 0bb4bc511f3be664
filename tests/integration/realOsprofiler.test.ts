// The real thing end to end: the Debian osprofiler + oslo.messaging packages send a traced
// request (nested profiler.Trace blocks, one raising) to RabbitMQ exactly as an OpenStack
// service does, and the collector stores it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";
import { openBroker, uniqueName, type Broker } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { readSpans, readTrace, settled, startCollector, waitFor, type Harness } from "./collectorHarness";

const run = promisify(execFile);
const SENDER = "tests/integration/osprofilerSender.py";

type Sent = { base_id: string; spans: { trace_id: string; parent_id: string; name: string; exception: string | null }[] };

/** oslo.messaging's notifier declares a `profiler.info` queue on each exchange it publishes to. */
const OSLO_DEFAULT_QUEUE = "profiler.info";

describe.each(DIALECTS)("real OSprofiler -> RabbitMQ -> collector on %s", (dialect) => {
  let db: TestDb;
  let broker: Broker;
  let harness: Harness | undefined;
  let osloQueueExisted = true;
  const exchange = uniqueName("ostrace-test-osprofiler");

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDb(dialect), openBroker()]);
    osloQueueExisted = await broker.messageCount(OSLO_DEFAULT_QUEUE).then(
      () => true,
      () => false,
    );
  });
  afterAll(async () => {
    await harness?.collector.stop();
    await broker?.cleanup({
      queues: [...(harness ? [harness.config.queue] : []), ...(osloQueueExisted ? [] : [OSLO_DEFAULT_QUEUE])],
      exchanges: [exchange],
    });
    await db?.drop();
  });

  it("stores every span osprofiler sent, with its nesting, names, payloads and the exception", { timeout: 120_000 }, async () => {
    // Nobody declared the exchange yet: the collector does (non-durable), then oslo.messaging
    // declares it again with the same flags when it publishes.
    harness = startCollector(db, { exchanges: [exchange] });
    const { collector } = harness;
    await collector.whenConsuming();

    let stdout: string;
    try {
      ({ stdout } = await run("/usr/bin/python3", [SENDER, exchange], { timeout: 90_000 }));
    } catch (error) {
      throw new Error(
        `${SENDER} failed (${(error as Error).message}). It needs the Debian packages python3-osprofiler and ` +
          "python3-oslo.messaging for /usr/bin/python3 (.ci/run installs them).",
      );
    }
    const sent = JSON.parse(stdout.trim().split("\n").pop()!) as Sent;
    expect(sent.spans).toHaveLength(6);

    await waitFor("osprofiler's 12 notifications committed", () => settled(collector, 12), 60_000);
    expect(collector.counters).toMatchObject({ received: 12, notificationsStored: 12, duplicates: 0, quarantined: 0 });

    const stored = (await readSpans(db, sent.base_id)).map((row) => convertSpanRowToSpan(row));
    expect(
      stored.map((s) => ({ trace_id: s.spanId, parent_id: s.parentId, name: s.name, exception: s.error?.type ?? null })).sort(bySpan),
    ).toEqual([...sent.spans].sort(bySpan));
    for (const span of stored) {
      expect(span).toMatchObject({ traceId: sent.base_id, project: "nova", service: "nova-api" });
      expect(span.startUs).not.toBeNull();
      expect(span.stopUs! >= span.startUs!).toBe(true);
      expect(span.startPayload).toMatchObject({
        name: `${span.name}-start`,
        base_id: sent.base_id,
        trace_id: span.spanId,
        project: "nova",
        service: "nova-api",
      });
      expect(span.stopPayload).toMatchObject({ name: `${span.name}-stop` });
    }
    const failed = stored.find((s) => s.error !== null)!;
    expect(failed).toMatchObject({
      name: "compute_api",
      error: { type: "__main__.InstanceNotFound", message: "Instance 42 could not be found." },
    });
    expect(stored.find((s) => s.name === "db" && s.detail?.startsWith("UPDATE"))).toBeDefined();

    const host = stored[0]!.host;
    expect(host).not.toBe("");
    expect(await readTrace(db, sent.base_id)).toMatchObject({
      spanCount: 6,
      startCount: 6,
      stopCount: 6,
      errorCount: 1,
      services: "|nova-api|",
      projects: "|nova|",
      hosts: `|${host}|`,
      rootName: "wsgi",
      rootMethod: "POST",
      rootPath: "/v2.1/servers",
    });
  });
});

function bySpan(a: { trace_id: string }, b: { trace_id: string }): number {
  return a.trace_id < b.trace_id ? -1 : a.trace_id > b.trace_id ? 1 : 0;
}
