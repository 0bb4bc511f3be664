// Hostile exception types (docs/benchmarks.md §74): a 64K etype is stored bounded in its column
// (lib/trace/boundErrorType.ts), so the page's read neither groups by nor sends it whole, and the
// message of a span whose stop rest is long is read from span_detail, not from that rest. The
// span API and the exports still give the whole type, from the stop's payload.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getTrace } from "@/app/api/traces/[traceId]/route";
import { GET as getReport } from "@/app/api/traces/[traceId]/osprofiler.json/route";
import { GET as getSpan } from "@/app/api/traces/[traceId]/spans/[spanId]/route";
import type { SpanDetails } from "@/lib/api/types";
import { showUnstorable } from "@/lib/span/showUnstorable";
import { readLongTraceTexts } from "@/lib/db/readLongTraceTexts";
import { readTraceSpans } from "@/lib/db/readTraceSpans";
import type { JsonObject } from "@/lib/notification/types";
import { ERROR_TYPE_MAX_CHARS, boundErrorType } from "@/lib/trace/boundErrorType";
import { clipWithMark } from "@/lib/trace/clipTraceTexts";
import type { CompactTrace } from "@/lib/trace/compactTrace";
import { DESCRIBED_HEAD_CHARS, type LongTextDescription } from "@/lib/trace/describeLongText";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, storeNotifications, useSharedDb } from "./apiSeed";

const T0 = Date.UTC(2024, 6, 1, 8, 0, 0) * 1000;
const SPANS = 40;
const spanIdOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
/** Distinct 64K types, two of them alike in their first 60K (the mark's hash keeps them apart). */
const etype = (i: number) => `${"HostileError".padEnd(60_000, "e")}${i}`.padEnd(65_000, "t");
/** Messages a text column cannot hold (§87): a NUL, a lone surrogate, and a NUL in one longer than the page's clip. */
const UNSTORABLE: Record<number, string> = {
  6: "a NUL \u0000 in 6",
  7: "a lone surrogate \ud800 in 7",
  8: `a NUL \u0000 in 8 ${"m".repeat(DESCRIBED_HEAD_CHARS)}`,
};
/** Messages holding the six characters \u0000 as text beside a NUL: a long rest's, named in span_detail, and a short one's, read from the rest. */
const LITERAL_ESCAPE: Record<number, string> = { 5: "the text \\u0000 by \u0000 in 5", 19: "the text \\u0000 by \u0000 in 19" };
/** What each raised span's stop says; a few keep short types, one has no message, three unstorable ones, two with an escape's text. */
function stopInfo(i: number): JsonObject {
  if (i in LITERAL_ESCAPE) return { etype: i % 10 === 9 ? "NotFound" : etype(i), message: LITERAL_ESCAPE[i]! };
  if (i % 10 === 9) return { etype: "NotFound", message: `short ${i}` };
  if (i === 4) return { etype: etype(i) };
  if (i in UNSTORABLE) return { etype: etype(i), message: UNSTORABLE[i]! };
  return { etype: etype(i), message: `failed ${i}` };
}

function trace(traceId: string): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < SPANS; i++) {
    const span = { traceId, spanId: spanIdOf(i), parentId: traceId, name: "rpc" };
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "start", us: T0 + i * 10, info: { function: { name: "call" } } })));
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "stop", us: T0 + i * 10 + 5, info: stopInfo(i) })));
  }
  return bodies;
}

describe("boundErrorType", () => {
  it("keeps a type up to the bound, bounds a longer one to its start and a mark that tells apart types of one start", () => {
    expect(boundErrorType(null)).toBeNull();
    const edge = "E".repeat(ERROR_TYPE_MAX_CHARS);
    expect(boundErrorType(edge)).toBe(edge);
    const [a, b] = [boundErrorType(etype(1)), boundErrorType(etype(2))];
    expect(a.length).toBeLessThanOrEqual(ERROR_TYPE_MAX_CHARS);
    expect(a.startsWith("HostileError")).toBe(true);
    expect(a).toMatch(/…\[exception type of 65000 characters, #[0-9a-f]{16}\]$/);
    expect(a).not.toBe(b);
    // Bounded again (a stored row merged with a later half): unchanged.
    expect(boundErrorType(a)).toBe(a);
    // A surrogate pair across the cut is not split.
    const pair = `${"x".repeat(899)}😀${"y".repeat(2000)}`;
    expect(boundErrorType(pair).slice(0, 900)).toBe(`${"x".repeat(899)}…`);
  });
});

describe.each(DIALECTS)("hostile exception types on %s", (dialect) => {
  let db: TestDb;
  const traceId = randomUUID();
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await useSharedDb(db.url);
    await storeNotifications(db, decodeBodies(trace(traceId)), 17);
  });
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  it("stores each type bounded, and the page reads neither a long type nor a long rest", async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ span_id: string; error_type: string; message_id: number | bigint | null }[]>(
      `SELECT "span_id", "error_type", "message_id" FROM "span" WHERE "trace_id" = '${traceId}'`,
    );
    for (const r of rows) {
      const i = Number(r.span_id.slice(-12));
      expect(r.error_type).toBe(boundErrorType(stopInfo(i).etype as string));
      // Every long rest's message is named (the one without a message names the empty text, §82), the short rests' not.
      expect(r.message_id !== null).toBe(i % 10 !== 9);
    }
    const described = new Map<string, LongTextDescription>();
    const spans = await readTraceSpans(db, traceId, described);
    expect(spans).toHaveLength(SPANS);
    for (const s of spans) {
      const i = Number(s.spanId.slice(-12));
      expect(s.error!.type.length).toBeLessThanOrEqual(ERROR_TYPE_MAX_CHARS);
      // The long one is a stand-in for its description (clipTraceTexts clips by it).
      const message = i === 8 ? described.get(s.error!.message!)?.text.head : s.error!.message;
      const raw = (stopInfo(i).message as string | undefined) ?? null;
      const page = raw === null ? null : showUnstorable(raw);
      expect(message).toBe(i === 8 ? page?.slice(0, DESCRIBED_HEAD_CHARS) : page);
    }
    expect(spans.find((s) => s.spanId === spanIdOf(7))!.error!.message).toBe("a lone surrogate \\ud800 in 7");
    // In a message with a NUL, the text \u0000 reads apart from the NUL's escape (its backslash doubled), named or read from the rest.
    expect(spans.find((s) => s.spanId === spanIdOf(6))!.error!.message).toBe("a NUL \\u0000 in 6");
    expect(spans.find((s) => s.spanId === spanIdOf(5))!.error!.message).toBe("the text \\\\u0000 by \\u0000 in 5");
    expect(spans.find((s) => s.spanId === spanIdOf(19))!.error!.message).toBe("the text \\\\u0000 by \\u0000 in 19");
    // Short messages in long rests are read whole: no description needed; the long one is described.
    expect([...described.values()].map((d) => d.text.length)).toEqual([showUnstorable(UNSTORABLE[8]!).length]);
  });

  it("reads no long rest for the page, also of the span without a message", async () => {
    // Every character the page's read gets back from the database, counted at the driver.
    let chars = 0;
    const count = (rows: unknown) => (
      (chars += JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? Number(v) : v)).length),
      rows
    );
    const counting = <T extends object>(runner: T): T =>
      new Proxy(runner, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (key === "$queryRawUnsafe")
            return async (...args: unknown[]) => count(await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
          if (key === "$transaction")
            return (fn: (tx: object) => Promise<unknown>, options?: unknown) =>
              (value as (f: (tx: object) => Promise<unknown>, o?: unknown) => Promise<unknown>).call(
                target,
                (tx) => fn(counting(tx)),
                options,
              );
          return value;
        },
      });
    const spans = await readTraceSpans({ ...db, prisma: counting(db.prisma) }, traceId, new Map());
    expect(spans).toHaveLength(SPANS);
    expect(spans.find((s) => s.spanId === spanIdOf(4))!.error!.message).toBeNull();
    expect(spans.find((s) => s.spanId === spanIdOf(6))!.error!.message).toBe("a NUL \\u0000 in 6");
    // ~1,000 characters a span (its bounded type and ids), not one 65,000-character rest.
    expect(chars).toBeLessThan(SPANS * 2 * ERROR_TYPE_MAX_CHARS);
  });

  it("sends the page bounded types, each distinct type apart", async () => {
    const page = await callRoute<CompactTrace, { traceId: string }>(getTrace, `/api/traces/${traceId}`, { traceId });
    expect(page.status).toBe(200);
    expect(page.text.length).toBeLessThan(SPANS * 2 * ERROR_TYPE_MAX_CHARS);
    const types = new Set(page.json.strings.filter((s) => s.startsWith("HostileError")));
    expect(types.size).toBe(SPANS - SPANS / 10);
    // The unstorable messages escaped, the long one clipped by the server's search's clip (which finds it past the clip).
    expect(page.json.strings).toContain("a NUL \\u0000 in 6");
    const clipped = page.json.strings.find((s) => s.startsWith("a NUL \\u0000 in 8"))!;
    expect(clipped).toBe(clipWithMark(showUnstorable(UNSTORABLE[8]!), DESCRIBED_HEAD_CHARS));
    const long: string[] = [];
    for await (const texts of readLongTraceTexts(db, traceId, DESCRIBED_HEAD_CHARS)) long.push(...texts);
    expect(long.map((t) => clipWithMark(t, DESCRIBED_HEAD_CHARS))).toContain(clipped);
  });

  it("keeps the whole type in the span API and the download", async () => {
    const span = await callRoute<SpanDetails, { traceId: string; spanId: string }>(getSpan, `/api/traces/${traceId}/spans/${spanIdOf(3)}`, {
      traceId,
      spanId: spanIdOf(3),
    });
    expect(span.json.error).toEqual({ type: etype(3), message: "failed 3" });
    for (const i of [6, 7]) {
      const raw = await callRoute<SpanDetails, { traceId: string; spanId: string }>(
        getSpan,
        `/api/traces/${traceId}/spans/${spanIdOf(i)}`,
        {
          traceId,
          spanId: spanIdOf(i),
        },
      );
      expect(raw.json.error!.message).toBe(UNSTORABLE[i]);
    }
    expect((span.json.stopPayload as { info: JsonObject }).info.etype).toBe(etype(3));
    const report = await callRoute(getReport, `/api/traces/${traceId}/osprofiler.json`, { traceId });
    expect(report.status).toBe(200);
    for (const i of [0, 4, 38]) expect(report.text).toContain(etype(i));
    expect(report.text).not.toContain("…[exception type of");
  });
});
