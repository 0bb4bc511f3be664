// GET /api/traces/{id}/search on a trace stored as the collector stores it: which texts clipped
// for display (lib/trace/clipTraceTexts.ts) match the page's search in their whole form, named by
// the hashes the compact trace's clip marks carry.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getTrace } from "@/app/api/traces/[traceId]/route";
import { GET as search } from "@/app/api/traces/[traceId]/search/route";
import { searchClippedTexts } from "@/lib/api/searchClippedTexts";
import type { ApiError, TraceTextSearchResponse } from "@/lib/api/types";
import type { Db } from "@/lib/db/client";
import type { JsonObject } from "@/lib/notification/types";
import { readClippedHash } from "@/lib/trace/clipMark";
import type { CompactTrace } from "@/lib/trace/compactTrace";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, storeNotifications, useSharedDb } from "./apiSeed";

const T0 = Date.UTC(2024, 6, 1, 8, 0, 0) * 1000;
const UUID = "4f6a5d1e-2b7c-4e0a-9d3f-a1b2c3d4e5f6";
/** nova's instance_faults query: 20,000 characters, the instance's UUID at character 10,000. */
const faults =
  (
    `SELECT instance_faults.created_at FROM instance_faults WHERE instance_faults.instance_uuid IN (`.padEnd(9_999, "'x', ") + `'${UUID}', `
  ).padEnd(19_998, "'y', ") + "')";
/** Run by three spans: its text is read once. */
const hosts = "SELECT instances.id FROM instances WHERE instances.host IN (".padEnd(8_000, "'compute-1', ") + "'compute-7')";
const message = "Deadlock found when trying to get lock; ".padEnd(6_000, "retry ") + " deadlock-token-4711";

function trace(traceId: string): string[] {
  const root = { traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi" };
  const info = { request: { method: "GET", path: "/v2.1/servers/detail", query: "", scheme: "http" } };
  const bodies = [envelopeV2(profilerPayload({ ...root, phase: "start", us: T0, info }))];
  const db = (statement: string, at: number, error: JsonObject = {}) => {
    const span = { traceId, spanId: randomUUID(), parentId: root.spanId, name: "db" };
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "start", us: T0 + at, info: { db: { statement, params: {} } } })));
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "stop", us: T0 + at + 5, info: error })));
  };
  db(faults, 10);
  for (const at of [20, 30, 40]) db(hosts, at);
  db("SELECT 1", 50, { etype: "DBDeadlock", message });
  bodies.push(envelopeV2(profilerPayload({ ...root, phase: "stop", us: T0 + 100 })));
  return bodies;
}

/** 100 distinct statements of 5,000 characters: the search reads them a few at a time. */
function manyLongTexts(traceId: string): string[] {
  const root = { traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi" };
  const bodies = [envelopeV2(profilerPayload({ ...root, phase: "start", us: T0 }))];
  for (let i = 0; i < 100; i++) {
    const span = { traceId, spanId: randomUUID(), parentId: root.spanId, name: "db" };
    const statement = `SELECT * FROM t WHERE note = '${i} `.padEnd(5_000, "x") + "'";
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "start", us: T0 + i, info: { db: { statement, params: {} } } })));
    bodies.push(envelopeV2(profilerPayload({ ...span, phase: "stop", us: T0 + i + 1 })));
  }
  bodies.push(envelopeV2(profilerPayload({ ...root, phase: "stop", us: T0 + 200 })));
  return bodies;
}

/** `db` with its raw queries counted, and `onQuery` called before each. */
function countQueries(db: Db, onQuery: (count: number) => void): { db: Db; queries: () => number } {
  let count = 0;
  const prisma = new Proxy(db.prisma, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (key === "$queryRawUnsafe")
        return (...args: Parameters<Db["prisma"]["$queryRawUnsafe"]>) => {
          onQuery(++count);
          return target.$queryRawUnsafe(...args);
        };
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: { ...db, prisma }, queries: () => count };
}

describe.each(DIALECTS)("searching a trace's clipped texts through the API on %s", (dialect) => {
  let db: TestDb;
  const traceId = randomUUID();
  let marks: string[];
  const ask = (query: string, id = traceId) =>
    callRoute<TraceTextSearchResponse & ApiError, { traceId: string }>(search, `/api/traces/${id}/search?${query}`, { traceId: id });
  /** The hash in the compact trace's clip mark of the text that starts with `start`. */
  const markOf = (start: string) => readClippedHash(marks.find((s) => s.startsWith(start.slice(0, 200)))!)!;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    await useSharedDb(db.url);
    await storeNotifications(db, decodeBodies(trace(traceId)));
    const compact = await callRoute<CompactTrace, { traceId: string }>(getTrace, `/api/traces/${traceId}`, { traceId });
    marks = compact.json.strings.filter((s) => readClippedHash(s) !== null);
  }, 120_000);
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  it("finds a term past the first 4,000 characters of a statement, named as the compact trace's mark names it", async () => {
    expect(marks).toHaveLength(3);
    expect(marks.some((s) => s.includes(UUID))).toBe(false);
    const answer = await ask(`q=${UUID}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toEqual({ clippedMatches: [markOf(faults)] });
  });

  it("ignores case unless case=1, for plain and regex search", async () => {
    expect((await ask(`q=${UUID.toUpperCase()}`)).json.clippedMatches).toEqual([markOf(faults)]);
    expect((await ask(`q=${UUID.toUpperCase()}&case=1`)).json.clippedMatches).toEqual([]);
    const regex = encodeURIComponent("DEADLOCK-token-\\d{4}$");
    expect((await ask(`q=${regex}&re=1`)).json.clippedMatches).toEqual([markOf(message)]);
    expect((await ask(`q=${regex}&re=1&case=1`)).json.clippedMatches).toEqual([]);
    const both = (await ask(`q=${encodeURIComponent("compute-7|instance_uuid")}&re=1`)).json.clippedMatches;
    expect(both.sort()).toEqual([markOf(faults), markOf(hosts)].sort());
  });

  it("answers only for the clipped texts, and never on the clip mark's own words", async () => {
    expect((await ask("q=SELECT 1")).json.clippedMatches).toEqual([]);
    expect((await ask(`q=${encodeURIComponent("clipped for display")}`)).json.clippedMatches).toEqual([]);
    // Texts longer than a lower clip length are read too (a trace clipped shorter by its budget).
    expect((await ask("q=SELECT&clip=200")).json.clippedMatches.sort()).toEqual([markOf(faults), markOf(hosts)].sort());
  });

  it("refuses an invalid regex and bad parameters with 400, an unknown trace with 404", async () => {
    const invalid = await ask(`q=${encodeURIComponent("(unclosed")}&re=1`);
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatch(/^q: invalid regular expression/);
    const lookahead = await ask(`q=${encodeURIComponent("(?=x)")}&re=1`);
    expect(lookahead.status).toBe(400);
    expect(lookahead.json.error).toMatch(/cannot run in linear time/);
    expect((await ask("q=x&clip=50")).status).toBe(400);
    expect((await ask("clip=4000")).status).toBe(400);
    const unknown = await ask(`q=${UUID}`, randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatch(/^no trace .* is stored$/);
  });

  it("stops reading and matching once the request is aborted (the page typed on)", async () => {
    const many = randomUUID();
    await storeNotifications(db, decodeBodies(manyLongTexts(many)));
    const query = { search: { text: "note" }, clippedAbove: 4000 };
    const whole = countQueries(db, () => {});
    const all = await searchClippedTexts(whole.db, many, query);
    expect(all.status === 200 && all.body.clippedMatches).toHaveLength(100);
    // The ids, four reads of details, the span rows: six queries.
    expect(whole.queries()).toBe(6);
    // Aborted while its second read of details runs: that read is matched, and nothing after it.
    const controller = new AbortController();
    const aborted = countQueries(db, (count) => count === 3 && controller.abort());
    expect(await searchClippedTexts(aborted.db, many, query, controller.signal)).toMatchObject({ status: 499 });
    expect(aborted.queries()).toBe(3);
    // Aborted as a closed connection aborts it, from the event loop: SQLite answers on this
    // thread, so the search must give the loop a turn between reads to see it.
    const closed = new AbortController();
    setTimeout(() => closed.abort(), 0);
    const late = countQueries(db, () => {});
    expect(await searchClippedTexts(late.db, many, query, closed.signal)).toMatchObject({ status: 499 });
    expect(late.queries()).toBeLessThan(6);
    // Through the route, a request already aborted costs no read at all.
    const gone = new AbortController();
    gone.abort();
    const answer = await callRoute(search, `/api/traces/${many}/search?q=note`, { traceId: many }, { signal: gone.signal });
    expect(answer.status).toBe(499);
  });
});
