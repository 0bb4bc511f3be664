// A trace whose every span carries a distinct statement (and every tenth a distinct exception
// message) as long as ingest keeps one (64K characters), stored as the collector stores it and
// read through the real routes: what the browser receives (GET /api/traces/{id}, ?chunks=1, the
// page's inlined copy) is bounded by the spans, not by the texts; the span API and the exports
// keep every text whole.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getTrace } from "@/app/api/traces/[traceId]/route";
import { GET as getReport } from "@/app/api/traces/[traceId]/osprofiler.json/route";
import { GET as getSpan } from "@/app/api/traces/[traceId]/spans/[spanId]/route";
import { GET as getSpans } from "@/app/api/traces/[traceId]/spans/route";
import { GET as getOtlp } from "@/app/api/traces/[traceId]/otlp.json/route";
import { INLINE_TRACE_MAX_CHARS, readInlineTrace } from "@/lib/api/readInlineTrace";
import type { SpanDetails } from "@/lib/api/types";
import type { JsonObject } from "@/lib/notification/types";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { CLIP_MARK } from "@/lib/trace/clipMark";
import { TRACE_TEXT_LIMITS } from "@/lib/trace/clipTraceTexts";
import type { CompactTrace, CompactTraceChunk } from "@/lib/trace/compactTrace";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, storeNotifications, useSharedDb } from "./apiSeed";

const T0 = Date.UTC(2024, 6, 1, 8, 0, 0) * 1000;
const SPANS = 800;
const MAX_STRING = 65_536;
/** What each span may cost the browser: its clipped statement, and its share of messages and columns. */
const BOUND_PER_SPAN = TRACE_TEXT_LIMITS.displayChars + 1000;

const statement = (i: number) => `${`SELECT * FROM instances WHERE note = '${i} `.padEnd(MAX_STRING - 1, "x")}'`;
const message = (i: number) => `${i} `.padEnd(MAX_STRING, "m");

/** Span ids are UUIDs; the i-th db span's ends in i. */
const spanIdOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

function hostileTrace(traceId: string): string[] {
  const bodies: string[] = [];
  const root = { traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi" };
  bodies.push(
    envelopeV2(
      profilerPayload({
        ...root,
        phase: "start",
        us: T0,
        info: { request: { method: "GET", path: "/v2.1/servers", query: "", scheme: "http" } },
      }),
    ),
  );
  for (let i = 0; i < SPANS - 1; i++) {
    const span = { traceId, spanId: spanIdOf(i), parentId: root.spanId, name: "db" };
    bodies.push(
      envelopeV2(profilerPayload({ ...span, phase: "start", us: T0 + 10 + i * 10, info: { db: { statement: statement(i), params: {} } } })),
    );
    const error: JsonObject = i % 10 === 0 ? { etype: "DBError", message: message(i) } : {};
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "stop", us: T0 + 15 + i * 10, info: error })));
  }
  bodies.push(envelopeV2(profilerPayload({ ...root, phase: "stop", us: T0 + 10 * SPANS + 100 })));
  return bodies;
}

describe.each(DIALECTS)("a trace of long distinct texts through the API on %s", (dialect) => {
  let db: TestDb;
  const traceId = randomUUID();

  beforeAll(async () => {
    db = await createTestDb(dialect);
    await useSharedDb(db.url);
    await storeNotifications(db, decodeBodies(hostileTrace(traceId)), 200);
  }, 600_000);
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  it("sends the browser a trace bounded by its spans, in one piece, in chunks and inlined in the page", async () => {
    const whole = await callRoute<CompactTrace, { traceId: string }>(getTrace, `/api/traces/${traceId}`, { traceId });
    expect(whole.status).toBe(200);
    expect(whole.json.ids).toHaveLength(SPANS);
    // 800 x 64K statements and 80 x 64K messages are 57M characters whole.
    expect(whole.text.length).toBeLessThan(SPANS * BOUND_PER_SPAN);
    expect(whole.json.strings.filter((s) => s.includes(CLIP_MARK))).toHaveLength(SPANS - 1 + 80);
    expect(whole.json.errors).toHaveLength(80);

    const chunked = await callRoute(getTrace, `/api/traces/${traceId}?chunks=1`, { traceId });
    expect(chunked.status).toBe(200);
    expect(chunked.text.length).toBeLessThan(SPANS * BOUND_PER_SPAN);
    const chunks = chunked.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as CompactTraceChunk);
    expect(chunks.flatMap((c) => c.strings)).toEqual(whole.json.strings);
    expect(chunks.flatMap((c) => c.clipped ?? [])).toEqual(whole.json.clipped);

    const inline = await readInlineTrace(db, (await readTraceListItem(db, traceId))!);
    expect(inline).not.toBeNull();
    expect(inline!.compactJson.length).toBeLessThanOrEqual(INLINE_TRACE_MAX_CHARS);
    expect(inline!.compactJson.length).toBeLessThan(SPANS * BOUND_PER_SPAN);
    expect(inline!.etag).toBe(whole.headers.get("etag"));
  });

  it("keeps every text whole in the span API and the exports", async () => {
    const span = await callRoute<SpanDetails, { traceId: string; spanId: string }>(
      getSpan,
      `/api/traces/${traceId}/spans/${spanIdOf(10)}`,
      {
        traceId,
        spanId: spanIdOf(10),
      },
    );
    expect(span.json.detail).toBe(statement(10));
    expect(span.json.error).toEqual({ type: "DBError", message: message(10) });

    const report = await callRoute(getReport, `/api/traces/${traceId}/osprofiler.json`, { traceId });
    expect(report.status).toBe(200);
    expect(report.text).toContain(statement(SPANS - 2));
    expect(report.text).not.toContain(CLIP_MARK);

    const otlp = await callRoute(getOtlp, `/api/traces/${traceId}/otlp.json`, { traceId });
    expect(otlp.text).toContain(statement(SPANS - 2));
    expect(otlp.text).toContain(message(790));
    expect(otlp.text).not.toContain(CLIP_MARK);

    const response = await getSpans(new Request(`http://localhost/api/traces/${traceId}/spans`), { params: Promise.resolve({ traceId }) });
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as SpanDetails);
    expect(lines).toHaveLength(SPANS);
    expect(lines.find((s) => s.spanId === spanIdOf(3))!.detail).toBe(statement(3));
    // 57M characters through two exports: 15-24 s at a load of 9, too near the suite's 30 s default.
  }, 120_000);
});
