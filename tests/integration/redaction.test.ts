// Redaction at ingest, end to end on both databases: secrets sent over AMQP (the collector), over
// HTTP (POST /api/ingest) and in an imported OSprofiler report (POST /api/traces/import) are
// masked before storage, so the rows, the span API, the NDJSON of spans, osprofiler.json and
// OTLP all carry the marker and never the secret; /metrics counts what was masked.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/ingest/route";
import { POST as importRoute } from "@/app/api/traces/import/route";
import { GET as getReport } from "@/app/api/traces/[traceId]/osprofiler.json/route";
import { GET as getOtlp } from "@/app/api/traces/[traceId]/otlp.json/route";
import { GET as getSpans } from "@/app/api/traces/[traceId]/spans/route";
import { GET as getSpan } from "@/app/api/traces/[traceId]/spans/[spanId]/route";
import { GET as getMetrics } from "@/app/metrics/route";
import { REDACTED } from "@/lib/notification/redactedMarker";
import { parseProfilerPayload } from "@/lib/notification/parseProfilerPayload";
import type { Json, Notification } from "@/lib/notification/types";
import { convertSpansToOsprofilerReport } from "@/lib/osprofiler/convertSpansToOsprofilerReport";
import { formatJsonLikePython } from "@/lib/osprofiler/formatJsonLikePython";
import { convertNotificationToSpanRow } from "@/lib/span/convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";
import { mergeSpanRows } from "@/lib/span/mergeSpanRows";
import type { SpanRow } from "@/lib/span/types";
import { envelopeV2, openBroker, profilerPayload, uniqueName, type Broker, type PayloadSpec } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, useSharedDb } from "./apiSeed";
import { settled, startCollector, waitFor, type Harness } from "./collectorHarness";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const SECRETS = [
  "gAAAAABkAmqpToken",
  "Bearer eyJhbGciOi",
  "hunter2-http",
  "s3cr3t-db",
  "pr1vate-import",
  "-----BEGIN RSA PRIVATE KEY-----",
];

/** One request: a wsgi call (over AMQP) whose function and SQL calls came over HTTP, each with secrets of its own kind. */
function requestPayloads(traceId: string) {
  const [wsgi, api, db] = [randomUUID(), randomUUID(), randomUUID()];
  const spec = (s: Omit<PayloadSpec, "traceId">) => profilerPayload({ traceId, ...s });
  const amqp = [
    spec({
      spanId: wsgi,
      parentId: traceId,
      name: "wsgi",
      phase: "start",
      us: T0,
      info: {
        request: {
          path: "/v2.1/servers",
          method: "POST",
          headers: { "X-Auth-Token": SECRETS[0]!, Authorization: `${SECRETS[1]}.x.y`, Accept: "application/json" },
        },
      },
    }),
    spec({ spanId: wsgi, parentId: traceId, name: "wsgi", phase: "stop", us: T0 + 9000 }),
  ];
  const http = [
    spec({
      spanId: api,
      parentId: wsgi,
      name: "compute_api",
      phase: "start",
      us: T0 + 100,
      info: {
        function: {
          name: "nova.compute.api.API.create",
          args: "(<Context>,)",
          kwargs: `{'admin_password': '${SECRETS[2]}', 'key_name': 'k1'}`,
        },
      },
    }),
    spec({
      spanId: db,
      parentId: api,
      name: "db",
      phase: "start",
      us: T0 + 200,
      info: { db: { statement: "UPDATE users SET password=%(password)s WHERE id = %(id_1)s", params: { password: SECRETS[3]!, id_1: 7 } } },
    }),
    spec({
      spanId: db,
      parentId: api,
      name: "db",
      phase: "stop",
      us: T0 + 300,
      info: { etype: "OperationalError", message: `cannot connect to mysql+pymysql://nova:${SECRETS[3]}@ctl/nova` },
    }),
    spec({ spanId: api, parentId: wsgi, name: "compute_api", phase: "stop", us: T0 + 8000 }),
  ];
  return { spans: { wsgi, api, db }, amqp, http };
}

/** An OSprofiler report as `osprofiler trace show --json` prints it, secrets and all (the CLI does not mask). */
function reportWithSecrets(traceId: string): string {
  const span = randomUUID();
  const rows: SpanRow[] = [];
  for (const phase of ["start", "stop"] as const) {
    const payload = profilerPayload({
      traceId,
      spanId: span,
      parentId: traceId,
      name: "driver",
      phase,
      us: T0 + (phase === "start" ? 0 : 500),
      info:
        phase === "start"
          ? {
              function: {
                name: "nova.virt.driver.spawn",
                private_key: SECRETS[4]!,
                key: `${SECRETS[5]}\nMIIE\n-----END RSA PRIVATE KEY-----`,
              },
            }
          : {},
    });
    const n = parseProfilerPayload(payload) as Notification; // parsed only: the file holds what the services sent
    rows.push(convertNotificationToSpanRow(n));
  }
  const row = mergeSpanRows(rows[0]!, rows[1]!).row;
  return formatJsonLikePython(convertSpansToOsprofilerReport([convertSpanRowToSpan(row)]) as unknown as Json, 2);
}

describe.each(DIALECTS)("redaction at ingest on %s", (dialect) => {
  let db: TestDb;
  let broker: Broker;
  let harness: Harness | undefined;
  const exchange = uniqueName("ostrace-test-redact");

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDb(dialect), openBroker()]);
    await broker.declareOsloExchange(exchange);
    await useSharedDb(db.url);
  });
  afterAll(async () => {
    await harness?.collector.stop();
    await broker?.cleanup({ queues: harness ? [harness.config.queue] : [], exchanges: [exchange] });
    await useSharedDb(null);
    await db?.drop();
  });

  it("masks secrets from AMQP, HTTP ingest and import before storage; every export carries the marker", { timeout: 60_000 }, async () => {
    const traceId = randomUUID();
    const { spans, amqp, http } = requestPayloads(traceId);
    harness = startCollector(db, { exchanges: [exchange] });
    await harness.collector.whenConsuming();
    for (const payload of amqp) await broker.publish(exchange, envelopeV2(payload));
    const ingest = await callRoute(
      ingestRoute,
      "/api/ingest",
      {},
      { method: "POST", body: JSON.stringify(http), headers: { "content-type": "application/json" } },
    );
    expect(ingest.status, ingest.text).toBe(200);
    await waitFor("the collector stored its 2 notifications", () => settled(harness!.collector, 2));
    expect(harness.collector.counters.redactedValues).toBe(2);

    const importedId = randomUUID();
    const imported = await callRoute<{ redactedValues: number }>(
      importRoute,
      "/api/traces/import",
      {},
      { method: "POST", body: reportWithSecrets(importedId), headers: { "content-type": "application/json" } },
    );
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.redactedValues).toBe(2);

    // What the database holds: no secret in any row.
    const p = dialect === "sqlite" ? "?" : "$1";
    const rows = await db.prisma.$queryRawUnsafe<{ rest: string | null }[]>(
      `SELECT COALESCE(s.start_rest, '') || COALESCE(s.stop_rest, '') || COALESCE(d.text, '') AS rest FROM span s LEFT JOIN span_detail d ON d.id = s.detail_id WHERE s.trace_id IN (${p}, ${dialect === "sqlite" ? "?" : "$2"})`,
      traceId,
      importedId,
    );
    expect(rows).toHaveLength(4);
    const stored = rows.map((r) => r.rest).join("\n");
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).toContain(REDACTED);

    const answers = [
      await callRoute(getReport, `/api/traces/${traceId}/osprofiler.json`, { traceId }),
      await callRoute(getOtlp, `/api/traces/${traceId}/otlp.json`, { traceId }),
      // NDJSON is not one JSON text: read as text.
      await getSpans(new Request(`http://localhost/api/traces/${traceId}/spans`), { params: Promise.resolve({ traceId }) }).then(
        async (r) => ({ status: r.status, text: await r.text(), json: null }),
      ),
      await callRoute(getReport, `/api/traces/${importedId}/osprofiler.json`, { traceId: importedId }),
      await callRoute(getOtlp, `/api/traces/${importedId}/otlp.json`, { traceId: importedId }),
      ...(await Promise.all(
        Object.values(spans).map((spanId) => callRoute(getSpan, `/api/traces/${traceId}/spans/${spanId}`, { traceId, spanId })),
      )),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.text.slice(0, 200)).toBe(200);
      for (const secret of SECRETS) expect(answer.text).not.toContain(secret);
    }
    const report = answers[0]!.text;
    expect(report).toContain(`"X-Auth-Token": "${REDACTED}"`);
    expect(report).toContain(`"Authorization": "${REDACTED}"`);
    expect(report).toContain(`'admin_password': '${REDACTED}'`);
    expect(report).toContain(`"password": "${REDACTED}"`);
    expect(report).toContain(`mysql+pymysql://nova:${REDACTED}@ctl/nova`);
    // Everything else as it came: the statement's placeholder and the other key.
    expect(report).toContain("UPDATE users SET password=%(password)s WHERE id = %(id_1)s");
    expect(report).toContain("'key_name': 'k1'");
    expect(answers[3]!.text).toContain(`"private_key": "${REDACTED}"`);
    expect(answers[3]!.text).toContain(`"key": "${REDACTED}"`);

    // The span API answers masked payloads too (the details panel reads it).
    const details = answers.at(-1)!.json as { startPayload: { info: { db: { params: { password: string } } } } };
    expect(details.startPayload.info.db.params.password).toBe(REDACTED);

    const metrics = await callRoute(getMetrics, "/metrics");
    expect(metrics.text).toMatch(/^ostrace_http_redacted_values_total\{route="ingest"\} [1-9]\d*$/m);
    expect(metrics.text).toMatch(/^ostrace_http_redacted_values_total\{route="import"\} [1-9]\d*$/m);
  });
});
