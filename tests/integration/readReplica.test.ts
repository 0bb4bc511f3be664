// OSTRACE_READ_DATABASE_URL: the web server reads the trace list, traces and spans from the
// replica and writes (HTTP ingest) to DATABASE_URL. A streaming replica is not set up here; a
// second database stands in for it, holding other traces, so every answer shows which database
// it came from.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getTrace } from "@/app/api/traces/[traceId]/route";
import { GET as listRoute } from "@/app/api/traces/route";
import type { Db } from "@/lib/db/client";
import type { TraceListPage } from "@/lib/trace/traceList";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, storeNotifications, useSharedDb } from "./apiSeed";
import { readSpans } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

function oneSpanTrace(traceId: string) {
  return decodeBodies([
    envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 })),
  ]);
}

async function forgetReadDb(): Promise<void> {
  const holder = globalThis as { __ostraceReadDb?: Promise<Db> };
  const previous = holder.__ostraceReadDb;
  holder.__ostraceReadDb = undefined;
  if (previous) await (await previous.catch(() => null))?.close();
}

describe("web server with a read replica", () => {
  let primary: TestDb;
  let replica: TestDb;
  const onPrimary = randomUUID();
  const onReplica = randomUUID();

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDb("postgresql"), createTestDb("postgresql")]);
    await storeNotifications(primary, oneSpanTrace(onPrimary));
    await storeNotifications(replica, oneSpanTrace(onReplica));
    await useSharedDb(primary.url);
    await forgetReadDb();
    process.env.OSTRACE_READ_DATABASE_URL = replica.url;
  });
  afterAll(async () => {
    delete process.env.OSTRACE_READ_DATABASE_URL;
    await forgetReadDb();
    await useSharedDb(null);
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  it("lists and shows the traces of the replica", async () => {
    const list = await callRoute<TraceListPage>(listRoute, "/api/traces");
    expect(list.status).toBe(200);
    expect(list.json.traces.map((t) => t.traceId)).toEqual([onReplica]);
    expect((await callRoute(getTrace, `/api/traces/${onReplica}`, { traceId: onReplica })).status).toBe(200);
    expect((await callRoute(getTrace, `/api/traces/${onPrimary}`, { traceId: onPrimary })).status).toBe(404);
  });

  it("stores HTTP ingest on the primary", async () => {
    const { POST } = await import("@/app/api/ingest/route");
    const traceId = randomUUID();
    const body = envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 }));
    const response = await POST(
      new Request("http://localhost/api/ingest", { method: "POST", body, headers: { "content-type": "application/json" } }),
    );
    expect(response.status).toBe(200);
    expect(await readSpans(primary, traceId)).toHaveLength(1);
    expect(await readSpans(replica, traceId)).toHaveLength(0);
  });
});
