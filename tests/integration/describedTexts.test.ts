// The trace page's data (GET /api/traces/{id}, its chunks, the page's inlined copy) from long
// detail texts described when stored (span_detail.clip, migration 0011; lib/trace/describeLongText.ts)
// must be byte for byte what it was when every text was read whole and described on each GET: on
// the synthetic scenarios, the OSprofiler fixtures, hostile texts, and texts stored before 0011.
// And the GET must no longer read those texts whole.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readClippedTrace } from "@/lib/api/readClippedTrace";
import { renderCompactTrace } from "@/lib/api/renderCompactTrace";
import { readEarliestTraceSpans } from "@/lib/db/readEarliestTraceSpans";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import type { JsonObject } from "@/lib/notification/types";
import { buildTrace, convertTraceToCompact } from "@/lib/trace";
import { clipTraceTexts, TRACE_TEXT_LIMITS } from "@/lib/trace/clipTraceTexts";
import { DESCRIBED_HEAD_CHARS, describeLongMessage, describeLongText, type LongTextDescription } from "@/lib/trace/describeLongText";
import { keepConnectedSpans } from "@/lib/trace/keepConnectedSpans";
import { splitTraceIntoChunks } from "@/lib/trace/splitTraceIntoChunks";
import type { Trace } from "@/lib/trace/types";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { decodeBodies, storeNotifications, syntheticNotifications } from "./apiSeed";

const T0 = Date.UTC(2024, 7, 1, 8, 0, 0) * 1000;
const MAX_STRING = 65_536;
const SCENARIOS = ["boot-server", "list-servers", "create-volume", "list-networks", "issue-token", "create-stack"] as const;
const EMOJI = "\u{1F600}";

const fixtureNotifications = () =>
  decodeBodies(
    (JSON.parse(readFileSync(join(__dirname, "../fixtures/osprofiler/messages.json"), "utf8")) as { body: string }[]).map((m) => m.body),
  );

/** Distinct long statements (shapes sharing a 60K prefix, one shape with long values, pairs split at the clip's edge), a long request line. */
function hostileStatements(tag: string): string[] {
  const columns = Array.from({ length: 9000 }, (_, k) => `c${k}`).join(", ");
  const out: string[] = [];
  for (let k = 0; k < 30; k++) out.push(`SELECT ${columns} FROM ${tag}_table_${k} WHERE id = ${k}`);
  for (let k = 0; k < 10; k++) out.push(`${`SELECT * FROM ${tag} WHERE note = '${k} `.padEnd(MAX_STRING - 1, "x")}'`);
  out.push(`${`SELECT '${tag}`.padEnd(DESCRIBED_HEAD_CHARS - 1, "x")}${EMOJI}${"y".repeat(3000)}'`);
  out.push(`SELECT '${tag}${EMOJI.repeat(3000)}'`);
  out.push(`SELECT '${tag}${"x".repeat(DESCRIBED_HEAD_CHARS - 12)}'`); // exactly 4,000: sent whole, not described
  out.push(`SELECT '${tag}${"x".repeat(DESCRIBED_HEAD_CHARS - 11)}'`); // 4,001
  out.push(lateStatement(tag));
  return out;
}

/** A statement first stored as an early span's exception message (described as a message alone), later a detail: read whole as one. */
const lateStatement = (tag: string) => `SELECT '${tag} first a message'`.padEnd(DESCRIBED_HEAD_CHARS + 1000, "l");

/**
 * The exception message of hostile span `i` (null: it did not raise): distinct 64K ones, its own
 * statement, one shared by two spans, one with a lone surrogate and one with a NUL (not storable
 * in a text column: the page reads them escaped, showUnstorable), one that is not a string, texts of exactly 4,000 and
 * 4,001 units (a surrogate pair across the 4,000th).
 */
function hostileMessage(i: number, statement: string, tag: string): unknown {
  const long = (head: string) => head.padEnd(DESCRIBED_HEAD_CHARS + 1000, "m");
  const special: Record<number, unknown> = {
    1: statement,
    2: long("shared by two spans "),
    3: long("shared by two spans "),
    4: long("a lone surrogate \ud800 "),
    5: long("a NUL \u0000 "),
    6: { frames: Array.from({ length: 300 }, (_, k) => `frame ${k} of a message that is not a string`) },
    8: "m".repeat(DESCRIBED_HEAD_CHARS),
    9: `${"m".repeat(DESCRIBED_HEAD_CHARS - 1)}${EMOJI}`,
    10: lateStatement(tag),
  };
  if (i in special) return special[i];
  return i % 7 === 0 ? `${i} `.padEnd(MAX_STRING, "m") : null;
}

function hostileTrace(traceId: string, tag: string): string[] {
  const bodies: string[] = [];
  const root = { traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", host: `host-${tag}` };
  const path = `/v2.1/${tag}/servers/${"0123456789abcdef".repeat(700)}`;
  bodies.push(
    envelopeV2(profilerPayload({ ...root, phase: "start", us: T0, info: { request: { method: "GET", path, query: "", scheme: "http" } } })),
  );
  let i = 0;
  for (const statement of hostileStatements(tag)) {
    // Each statement on two spans: a text is described once, however many spans share it.
    for (let copy = 0; copy < 2; copy++, i++) {
      const span = { traceId, spanId: randomUUID(), parentId: root.spanId, name: "db" };
      bodies.push(envelopeV2(profilerPayload({ ...span, phase: "start", us: T0 + 10 + i * 10, info: { db: { statement, params: {} } } })));
      const message = hostileMessage(i, statement, tag);
      const error = (message === null ? {} : { etype: "DBError", message }) as JsonObject;
      bodies.push(envelopeV2(profilerPayload({ ...span, phase: "stop", us: T0 + 15 + i * 10 + copy, info: error })));
    }
  }
  bodies.push(envelopeV2(profilerPayload({ ...root, phase: "stop", us: T0 + 10 * i + 100 })));
  return bodies;
}

/** Thousands of spans that raised, each with a distinct message longer than the display clip (docs/benchmarks.md §67). */
const RAISED_SPANS = 2000;
const raisedMessage = (k: number) =>
  `Traceback ${k}: ${`frame ${k} of a long exception `.repeat(200)}`.slice(0, DESCRIBED_HEAD_CHARS + 1 + (k % 3000));

function raisingTrace(traceId: string): string[] {
  const root = { traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi" };
  const bodies = [envelopeV2(profilerPayload({ ...root, phase: "start", us: T0 }))];
  for (let k = 0; k < RAISED_SPANS; k++) {
    const span = { traceId, spanId: randomUUID(), parentId: root.spanId, name: "rpc" };
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "start", us: T0 + 10 + k * 10, info: { function: { name: "f" } } })));
    const error = { etype: "RemoteError", message: raisedMessage(k) };
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "stop", us: T0 + 15 + k * 10, info: error })));
  }
  bodies.push(envelopeV2(profilerPayload({ ...root, phase: "stop", us: T0 + 10 * RAISED_SPANS + 100 })));
  return bodies;
}

/** What the GET sent before migration 0011: every text read whole, clipped from the whole. */
async function readTraceWhole(db: TestDb, traceId: string): Promise<Trace> {
  return clipTraceTexts(buildTrace(await readTraceSpans(db, traceId), traceId));
}

const chunksJson = (trace: Trace) => [...splitTraceIntoChunks(trace, { first: 7, rest: 13 })].map((c) => JSON.stringify(c)).join("\n");

describe.each(DIALECTS)("long texts described when stored, read for the page on %s", (dialect) => {
  let db: TestDb;
  let traceIds: string[];
  const hostile = randomUUID();
  const older = randomUUID();
  const raising = randomUUID();

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const synthetic = SCENARIOS.flatMap((scenario, k) =>
      syntheticNotifications({ scenario, spanCount: 3000, traces: 1, seed: 40 + k, start: T0 - (k + 1) * 3_600_000_000 }),
    );
    await storeNotifications(db, [...fixtureNotifications(), ...synthetic], 2000);
    await storeNotifications(db, decodeBodies(hostileTrace(hostile, "now")), 60);
    // A trace whose long texts were stored before migration 0011: no description.
    await storeNotifications(db, decodeBodies(hostileTrace(older, "before")), 60);
    // ...and its long exception messages before migration 0012: no span_detail row named.
    const p = dialect === "sqlite" ? "?" : "$1";
    await db.prisma.$executeRawUnsafe(
      `UPDATE "span_detail" SET "clip" = NULL WHERE "id" IN (SELECT "detail_id" FROM "span" WHERE "trace_id" = ${p})`,
      older,
    );
    await db.prisma.$executeRawUnsafe(`UPDATE "span" SET "message_id" = NULL WHERE "trace_id" = ${p}`, older);
    await storeNotifications(db, decodeBodies(raisingTrace(raising)), 500);
    traceIds = (await db.prisma.trace.findMany({ select: { traceId: true } })).map((t) => t.traceId);
  }, 600_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("sends every trace byte for byte as when its texts were read whole, in one piece and in chunks", async () => {
    expect(traceIds.length).toBeGreaterThanOrEqual(SCENARIOS.length + 3);
    for (const traceId of traceIds) {
      const before = await readTraceWhole(db, traceId);
      expect(await renderCompactTrace(db, traceId), traceId).toBe(JSON.stringify(convertTraceToCompact(before)));
      expect(chunksJson(await readClippedTrace(db, traceId)), traceId).toBe(chunksJson(before));
    }
  });

  it("sends thousands of distinct long exception messages clipped, each distinct by its mark", async () => {
    expect(traceIds).toContain(raising);
    const json = await renderCompactTrace(db, raising);
    const marks = new Set(json.match(/clipped for display: \d+ characters, #[0-9a-f]{16}/g));
    expect(marks.size).toBe(RAISED_SPANS);
    expect(json.length).toBeLessThan(RAISED_SPANS * (DESCRIBED_HEAD_CHARS + 200));
  });

  it("sends a big trace's preview (its earliest spans) as when its texts were read whole", async () => {
    const preview = async (traceId: string, described?: Map<string, LongTextDescription>) => {
      const spans = await readEarliestTraceSpans(db, traceId, 60, described);
      const top = buildTrace(keepConnectedSpans(spans, traceId), traceId);
      return { json: JSON.stringify(convertTraceToCompact(clipTraceTexts(top, TRACE_TEXT_LIMITS, described))), spans };
    };
    for (const traceId of traceIds) {
      const described = new Map<string, LongTextDescription>();
      const read = await preview(traceId, described);
      expect(read.json, traceId).toBe((await preview(traceId)).json);
      if (traceId === hostile) {
        expect(described.size).toBeGreaterThan(20);
        expect(Math.max(...read.spans.map((s) => s.detail?.length ?? 0))).toBeLessThanOrEqual(DESCRIBED_HEAD_CHARS);
      }
    }
  });

  it("reads a described text's first characters only, each once, and texts stored before the description whole", async () => {
    const described = new Map<string, LongTextDescription>();
    const spans = await readTraceSpans(db, hostile, described);
    const statements = hostileStatements("now");
    const long = statements.filter((s) => s.length > DESCRIBED_HEAD_CHARS);
    // The exception messages over the clip (those a text column cannot hold escaped, as the page reads them).
    const wholeSpans = new Map((await readTraceSpans(db, hostile)).map((s) => [s.spanId, s]));
    const storable = (m: string) => !/[\ud800-\udfff]|\u0000/.test(m.replaceAll(EMOJI, ""));
    const messages = new Set(
      [...wholeSpans.values()].flatMap((s) => s.error?.message ?? []).filter((m) => m.length > DESCRIBED_HEAD_CHARS),
    );
    expect([...messages].filter((m) => m.includes("\\u0000") || m.includes("\\ud800"))).toHaveLength(2);
    expect([...messages].every(storable)).toBe(true);
    expect(messages.size).toBe(20);
    // Every statement over the clip but the one of exactly 4,000 units and the one first stored as
    // a message, the request line, and those messages but the two that are statements.
    const late = lateStatement("now");
    expect(described.size).toBe(long.length - 1 + 1 + messages.size - 2);
    for (const d of described.values()) expect(d.text.head.length).toBe(DESCRIBED_HEAD_CHARS);
    expect(Math.max(...spans.filter((s) => s.detail !== late).map((s) => s.detail?.length ?? 0))).toBe(DESCRIBED_HEAD_CHARS);
    for (const span of spans) {
      const message = wholeSpans.get(span.spanId)!.error?.message ?? null;
      if (message === null || message.length <= DESCRIBED_HEAD_CHARS || message === late) expect(span.error?.message ?? null).toBe(message);
      else expect(described.get(span.error!.message!)?.text.length, message.slice(0, 40)).toBe(message.length);
    }

    const whole = new Map<string, LongTextDescription>();
    const olderSpans = await readTraceSpans(db, older, whole);
    expect(whole.size).toBe(0);
    expect(Math.max(...olderSpans.map((s) => s.detail?.length ?? 0))).toBe(MAX_STRING);
    expect(Math.max(...olderSpans.map((s) => s.error?.message?.length ?? 0))).toBe(MAX_STRING);
  });

  it("reads each long exception message of a trace by its first characters, once (docs/benchmarks.md §69)", async () => {
    const described = new Map<string, LongTextDescription>();
    const spans = await readTraceSpans(db, raising, described);
    expect(described.size).toBe(RAISED_SPANS);
    expect(spans.filter((s) => s.error !== null)).toHaveLength(RAISED_SPANS);
    expect(Math.max(...spans.map((s) => s.error?.message?.length ?? 0))).toBeLessThanOrEqual(DESCRIBED_HEAD_CHARS);
    const preview = new Map<string, LongTextDescription>();
    const first = await readEarliestTraceSpans(db, raising, 60, preview);
    expect(preview.size).toBe(59);
    expect(Math.max(...first.map((s) => s.error?.message?.length ?? 0))).toBeLessThanOrEqual(DESCRIBED_HEAD_CHARS);
  });

  it("stores each description as describing its whole text anew gives it (the shape the batch's plan worked out, reused)", async () => {
    const rows = await db.prisma.spanDetail.findMany({ where: { clip: { not: null } } });
    // The hostile trace's long statements and request line (those of the older trace lost theirs), list-servers' long statement.
    expect(rows.length).toBeGreaterThan(hostileStatements("now").filter((s) => s.length > DESCRIBED_HEAD_CHARS).length + 1);
    // An exception message's (an array: its length and hash), unless the text was a detail when first stored.
    for (const { text, clip } of rows)
      expect(clip, text.slice(0, 60)).toBe(clip!.startsWith("[") ? describeLongMessage(text) : describeLongText(text));
    expect(rows.filter((r) => r.clip!.startsWith("[")).length).toBeGreaterThanOrEqual(RAISED_SPANS);
  });

  it("keeps the span_detail rows' texts whole for the exports and the span API", async () => {
    const spans = await readTraceSpans(db, hostile);
    const texts = new Set(spans.map((s) => s.detail));
    for (const statement of hostileStatements("now")) expect(texts.has(statement)).toBe(true);
  });
});
