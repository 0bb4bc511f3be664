// The export routes added for tools, against real databases (SQLite and PostgreSQL) seeded the
// way the collector fills them (real OSprofiler captures and synthetic traffic): the OTLP/JSON
// export and the NDJSON of every span with its payloads. Expected answers come from the
// notifications merged in memory, not from the database.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOtlp } from "@/app/api/traces/[traceId]/otlp.json/route";
import { GET as getSpans } from "@/app/api/traces/[traceId]/spans/route";
import { streamStoredOtlpJson } from "@/lib/api/planStoredOtlpExport";
import type { ApiError, SpanDetails } from "@/lib/api/types";
import type { Notification } from "@/lib/notification/types";
import { convertSpansToOtlp } from "@/lib/otlp/convertSpansToOtlp";
import { formatOtlpJson } from "@/lib/otlp/formatOtlpJson";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, referenceSpans, storeNotifications, syntheticNotifications, useSharedDb } from "./apiSeed";

const FIXTURES = join(__dirname, "../fixtures/osprofiler");
const readFixture = (file: string) => readFileSync(join(FIXTURES, file), "utf8");
const manifest = JSON.parse(readFixture("manifest.json")) as { traces: { name: string; baseId: string }[] };
const captured = decodeBodies((JSON.parse(readFixture("messages.json")) as { body: string }[]).map((m) => m.body));
const T0 = Date.UTC(2024, 5, 1, 8, 0, 0) * 1000;

type KeyValue = { key: string; value: { stringValue?: string } };
type OtlpJson = {
  resourceSpans: {
    resource: { attributes: KeyValue[] };
    scopeSpans: { spans: { spanId: string; kind: number; attributes: KeyValue[] }[] }[];
  }[];
};
const attr = (list: KeyValue[], key: string) => list.find((kv) => kv.key === key)?.value.stringValue;

describe.each(DIALECTS)("export routes on %s", (dialect) => {
  let db: TestDb;
  let synthetic: Notification[];

  beforeAll(async () => {
    db = await createTestDb(dialect);
    await useSharedDb(db.url);
    synthetic = syntheticNotifications({ traces: 5, seed: 77, errorRate: 0.5, start: T0 });
    await storeNotifications(db, [...captured, ...synthetic], 2000);
  });
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  const otlp = (traceId: string, init?: RequestInit) =>
    callRoute<OtlpJson & ApiError, { traceId: string }>(getOtlp, `/api/traces/${traceId}/otlp.json`, { traceId }, init);
  // Not callRoute: NDJSON is not one JSON text.
  const spans = async (traceId: string) => {
    const response = await getSpans(new Request(`http://localhost/api/traces/${traceId}/spans`), { params: Promise.resolve({ traceId }) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const traceIds = () => [...manifest.traces.map((t) => t.baseId), ...new Set(synthetic.map((n) => n.traceId))];

  describe("GET /api/traces/{base_id}/otlp.json", () => {
    it("is the OTLP export of the spans the notifications make, for captured and synthetic traces, as a download", async () => {
      for (const traceId of traceIds()) {
        const answer = await otlp(traceId);
        expect(answer.status, answer.text.slice(0, 200)).toBe(200);
        expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="${traceId}.otlp.json"`);
        const notifications = [...captured, ...synthetic];
        expect(answer.text).toBe(formatOtlpJson(convertSpansToOtlp(referenceSpans(notifications, traceId, true), traceId)));
      }
    });

    it("carries the captured boot's SQL and requests as db.* and http/url attributes, one resource per service and host", async () => {
      const boot = manifest.traces.find((t) => t.name === "boot")!.baseId;
      const { json } = await otlp(boot);
      const notifications = captured.filter((n) => n.traceId === boot && n.phase === "start");
      const otlpSpans = json.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
      expect(otlpSpans).toHaveLength(new Set(notifications.map((n) => n.spanId)).size);
      for (const n of notifications) {
        const span = otlpSpans.find((s) => attr(s.attributes, "osprofiler.trace_id") === n.spanId)!;
        const info = n.payload.info as { db?: { statement: string }; request?: { method: string; path: string } };
        if (info.db) expect([attr(span.attributes, "db.statement"), span.kind]).toEqual([info.db.statement, 3]);
        if (info.request)
          expect([attr(span.attributes, "http.request.method"), attr(span.attributes, "url.path"), span.kind]).toEqual([
            info.request.method,
            info.request.path,
            2,
          ]);
      }
      const places = json.resourceSpans.map(
        (r) => `${attr(r.resource.attributes, "service.name")}@${attr(r.resource.attributes, "host.name")}`,
      );
      expect(new Set(places).size).toBe(places.length);
      expect(places.length).toBe(new Set(notifications.map((n) => `${n.project}|${n.service}|${n.host}`)).size);
    });

    it("plans the tree from keyset pages of any size (edges inside a trace) to the same text", async () => {
      for (const traceId of traceIds().slice(0, 3)) {
        const expected = (await otlp(traceId)).text;
        for (const pageSize of [1, 7]) {
          let text = "";
          for await (const chunk of await streamStoredOtlpJson(db, traceId, pageSize))
            text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
          expect(text).toBe(expected);
        }
      }
    });

    it("answers 304 to its ETag, 404 for an unknown trace and 400 for a malformed id", async () => {
      const [traceId] = traceIds();
      const first = await otlp(traceId!);
      expect((await otlp(traceId!, { headers: { "if-none-match": first.headers.get("etag")! } })).status).toBe(304);
      const unknown = randomUUID();
      expect((await otlp(unknown)).json).toStrictEqual({ error: `no trace ${unknown} is stored` });
      expect((await otlp("nope")).status).toBe(400);
    });
  });

  describe("GET /api/traces/{base_id}/spans", () => {
    it("streams every span once, with its raw payloads, as the span route gives it", async () => {
      for (const traceId of traceIds()) {
        const answer = await spans(traceId);
        expect(answer.status).toBe(200);
        expect(answer.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
        expect(answer.text.endsWith("\n")).toBe(true);
        const lines = answer.text
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as SpanDetails);
        const expected = referenceSpans([...captured, ...synthetic], traceId, true);
        const bySpanId = (a: SpanDetails, b: SpanDetails) => a.spanId.localeCompare(b.spanId);
        expect(lines.sort(bySpanId)).toStrictEqual(expected.sort(bySpanId));
      }
    });

    it("answers 404 for an unknown trace", async () => {
      const unknown = randomUUID();
      const answer = await spans(unknown);
      expect([answer.status, JSON.parse(answer.text)]).toStrictEqual([404, { error: `no trace ${unknown} is stored` }]);
    });
  });
});
