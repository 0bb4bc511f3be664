// The read side of the HTTP API against real databases (SQLite and PostgreSQL), seeded the way
// the collector fills them: real OSprofiler captures (tests/fixtures/osprofiler) and synthetic
// traffic in the real wire format, decoded by the collector's decoder and stored by storeBatch.
// Every route is called as Next.js calls it. Expected answers come from independent paths:
// the summaries read with Prisma's own client and filtered in plain code, the trace model built
// from the notifications in memory, and OSprofiler's own reports.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getTrace } from "@/app/api/traces/[traceId]/route";
import { GET as getDot } from "@/app/api/traces/[traceId]/osprofiler.dot/route";
import { GET as getReport } from "@/app/api/traces/[traceId]/osprofiler.json/route";
import { GET as getSpan } from "@/app/api/traces/[traceId]/spans/[spanId]/route";
import { GET as getFacets } from "@/app/api/traces/facets/route";
import { GET as listRoute } from "@/app/api/traces/route";
import { formatTraceListQuery } from "@/lib/api/formatTraceListQuery";
import { buildTraceListSql } from "@/lib/db/listTraces";
import type { ApiError, SpanDetails } from "@/lib/api/types";
import { readTraceListSortKey, type TraceFacets, type TraceListItem, type TraceListPage, type TraceListQuery } from "@/lib/trace/traceList";
import { formatTimestampUs } from "@/lib/notification/timestamp";
import type { Json, Notification } from "@/lib/notification/types";
import { convertOsprofilerReportToDot } from "@/lib/osprofiler/convertOsprofilerReportToDot";
import { convertSpansToOsprofilerReport, type OsprofilerReport } from "@/lib/osprofiler/convertSpansToOsprofilerReport";
import { formatJsonLikePython } from "@/lib/osprofiler/formatJsonLikePython";
import { buildTrace, convertTraceToCompact, SpanFlag, type CompactTrace } from "@/lib/trace";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, referenceSpans, storeNotifications, syntheticNotifications, useSharedDb } from "./apiSeed";

const FIXTURES = join(__dirname, "../fixtures/osprofiler");
const readFixture = (file: string) => readFileSync(join(FIXTURES, file), "utf8");
type Manifest = { traces: { name: string; baseId: string; request: string; lostStopSpanId: string | null }[] };
const manifest = JSON.parse(readFixture("manifest.json")) as Manifest;
const fixture = (name: string) => manifest.traces.find((t) => t.name === name)!;
const fixtureNotifications = decodeBodies((JSON.parse(readFixture("messages.json")) as { body: string }[]).map((m) => m.body));

const T0 = Date.UTC(2024, 5, 1, 8, 0, 0) * 1000;

/**
 * Three one-span traces that start in the same microsecond and last as long, so that both sorts
 * tie and only the trace_id tie-break orders them:
 *
 *   tie-a  wsgi  [T0 .. T0+777]
 *   tie-b  wsgi  [T0 .. T0+777]
 *   tie-c  wsgi  [T0 .. T0+777]
 */
function tiedTraces(): Notification[] {
  const bodies: string[] = [];
  for (let i = 0; i < 3; i++) {
    const traceId = randomUUID();
    const spanId = randomUUID();
    const base = { traceId, spanId, parentId: traceId, name: "wsgi", service: "tie-api", project: "tie", host: "tie-1" };
    bodies.push(
      envelopeV2(
        profilerPayload({
          ...base,
          phase: "start",
          us: T0,
          info: { request: { method: "GET", path: `/tie/${i}`, query: "", scheme: "http" } },
        }),
      ),
    );
    bodies.push(envelopeV2(profilerPayload({ ...base, phase: "stop", us: T0 + 777 })));
  }
  return decodeBodies(bodies);
}

/** The summaries as Prisma's own client reads them, as list items: the reference for every list test. */
async function allItems(db: TestDb): Promise<TraceListItem[]> {
  const rows = await db.prisma.trace.findMany();
  const set = (text: string) => text.split("|").filter(Boolean);
  return rows.map((r) => ({
    traceId: r.traceId,
    startUs: Number(r.startUs),
    durationUs: Number(r.durationUs),
    answeredUs: r.answeredUs === null ? null : Number(r.answeredUs),
    spanCount: r.spanCount,
    errorCount: r.errorCount,
    unfinishedCount: r.spanCount - r.stopCount,
    noStartCount: r.spanCount - r.startCount,
    services: set(r.services),
    projects: set(r.projects),
    hosts: set(r.hosts),
    rootName: r.rootName,
    rootMethod: r.rootMethod,
    rootPath: r.rootPath,
    rootRequests: r.rootRequests,
    updatedUs: Number(r.updatedUs),
    droppedSpans: r.droppedSpans,
    truncated: r.truncated === "spans" || r.truncated === "bytes" ? r.truncated : null,
  }));
}

function referenceList(items: TraceListItem[], query: Omit<TraceListQuery, "limit" | "cursor">): TraceListItem[] {
  const q = query.q?.toLowerCase();
  return items
    .filter(
      (t) =>
        q === undefined ||
        `${t.rootMethod ?? ""} ${t.rootPath ?? ""}`.toLowerCase().includes(q) ||
        (t.rootName ?? "").toLowerCase().includes(q),
    )
    .filter((t) => query.traceId === undefined || t.traceId.startsWith(query.traceId))
    .filter((t) => query.service === undefined || t.services.includes(query.service))
    .filter((t) => query.project === undefined || t.projects.includes(query.project))
    .filter((t) => query.host === undefined || t.hosts.includes(query.host))
    .filter((t) => query.from === undefined || t.startUs >= query.from)
    .filter((t) => query.to === undefined || t.startUs <= query.to)
    .filter((t) => query.minMs === undefined || t.durationUs >= query.minMs * 1000)
    .filter((t) => query.maxMs === undefined || t.durationUs <= query.maxMs * 1000)
    .filter((t) => !query.error || t.errorCount > 0)
    .filter((t) => query.sort !== "answered" || t.answeredUs !== null)
    .sort((a, b) => {
      const key = readTraceListSortKey(b, query.sort) - readTraceListSortKey(a, query.sort);
      return key || (a.traceId < b.traceId ? 1 : a.traceId > b.traceId ? -1 : 0);
    });
}

async function list(params: string): Promise<{ status: number; body: TraceListPage & ApiError }> {
  const answer = await callRoute<TraceListPage & ApiError>(listRoute, `/api/traces?${params}`);
  return { status: answer.status, body: answer.json };
}

/** Every page of a query, following nextCursor. */
async function listAll(query: Partial<TraceListQuery>, limit: number): Promise<{ items: TraceListItem[]; pages: number }> {
  const items: TraceListItem[] = [];
  let cursor = query.cursor;
  let pages = 0;
  for (;;) {
    const { status, body } = await list(formatTraceListQuery({ ...query, limit, cursor }).toString());
    expect(status, body.error).toBe(200);
    pages++;
    expect(body.traces.length).toBeLessThanOrEqual(limit);
    items.push(...body.traces);
    if (body.nextCursor === null) return { items, pages };
    expect(body.traces).toHaveLength(limit);
    cursor = body.nextCursor;
  }
}

describe.each(DIALECTS)("trace API on %s", (dialect) => {
  let db: TestDb;
  let synthetic: Notification[];
  let tied: Notification[];
  let deep: Notification[];

  beforeAll(async () => {
    db = await createTestDb(dialect);
    await useSharedDb(db.url);
    synthetic = syntheticNotifications({ traces: 40, seed: 31, errorRate: 0.25, start: T0 - 3_600_000_000 });
    tied = tiedTraces();
    // A heat stack nested thousands deep: its report is too deep to indent.
    deep = syntheticNotifications({ scenario: "create-stack", spanCount: 3000, traces: 1, seed: 5, start: T0 - 7_200_000_000 });
    await storeNotifications(db, fixtureNotifications, 7);
    await storeNotifications(db, [...synthetic, ...tied, ...deep], 2000);
  });
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  describe("GET /api/traces", () => {
    it("lists the newest first, every field from the summary, the captured traces as OSprofiler sent them", async () => {
      const items = await allItems(db);
      expect(items.length).toBe(3 + 40 + 3 + 1);
      const { status, body } = await list("");
      expect(status).toBe(200);
      expect(body.traces).toEqual(referenceList(items, { sort: "newest" }).slice(0, 50));
      expect(body.nextCursor).toBeNull();

      const boot = body.traces.find((t) => t.traceId === fixture("boot").baseId)!;
      expect(boot).toMatchObject({
        spanCount: 15,
        errorCount: 0,
        unfinishedCount: 0,
        noStartCount: 0,
        rootName: "wsgi",
        rootMethod: "POST",
        rootPath: "/v2.1/servers",
      });
      expect(boot.services).toEqual(["glance-api", "nova-api", "nova-conductor"]);
      expect(body.traces.find((t) => t.traceId === fixture("not-found").baseId)).toMatchObject({ errorCount: 2, rootMethod: "GET" });
      expect(body.traces.find((t) => t.traceId === fixture("lost-stop").baseId)).toMatchObject({ unfinishedCount: 1 });
    });

    const filterCases: [string, (items: TraceListItem[]) => Omit<TraceListQuery, "limit" | "cursor">][] = [
      ["newest", () => ({ sort: "newest" })],
      ["slowest", () => ({ sort: "slowest" })],
      ["only errors, slowest", () => ({ sort: "slowest", error: true })],
      ["slowest answers", () => ({ sort: "answered" })],
      ["a service, slowest answers", (items) => ({ sort: "answered", service: items.flatMap((t) => t.services).sort()[5]! })],
      ["a service", (items) => ({ sort: "newest", service: items.flatMap((t) => t.services).sort()[5]! })],
      ["a project and a host", (items) => ({ sort: "newest", project: items[0]!.projects[0]!, host: items[0]!.hosts[0]! })],
      ["text in the root request, any case", () => ({ sort: "newest", q: "post /V2" })],
      ["text in the root name", () => ({ sort: "slowest", q: "WSG" })],
      ["a base_id prefix", (items) => ({ sort: "newest", traceId: items[7]!.traceId.slice(0, 1) })],
      [
        "a time window",
        (items) => {
          const starts = items.map((t) => t.startUs).sort((a, b) => a - b);
          return { sort: "newest", from: starts[5]!, to: starts[30]! };
        },
      ],
      [
        "a duration range",
        (items) => {
          const durations = items.map((t) => t.durationUs).sort((a, b) => a - b);
          return { sort: "slowest", minMs: durations[4]! / 1000, maxMs: durations[35]! / 1000 };
        },
      ],
      ["everything at once", (items) => ({ sort: "newest", q: "/", service: items[0]!.services[0]!, minMs: 0.001, error: false, from: 0 })],
    ];
    for (const [name, makeQuery] of filterCases) {
      it(`pages through ${name} without duplicates or gaps`, async () => {
        const items = await allItems(db);
        const query = makeQuery(items);
        const expected = referenceList(items, query);
        expect(expected.length, "the case should select something").toBeGreaterThan(0);
        const { items: paged, pages } = await listAll(query, 4);
        expect(paged).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 4)));
        expect(new Set(paged.map((t) => t.traceId)).size).toBe(paged.length);
      });
    }

    it("breaks ties on start and duration by trace id, one per page", async () => {
      const tieIds = [...new Set(tied.map((n) => n.traceId))].sort().reverse();
      for (const sort of ["newest", "slowest", "answered"] as const) {
        const { items } = await listAll({ sort, service: "tie-api" }, 1);
        expect(items.map((t) => t.traceId)).toEqual(tieIds);
      }
    });

    it("keeps the following pages stable while new traces arrive", async () => {
      const first = await list("limit=5");
      const newer = decodeBodies([
        envelopeV2(
          profilerPayload({
            traceId: randomUUID(),
            spanId: randomUUID(),
            parentId: randomUUID(),
            name: "db",
            phase: "start",
            us: Date.now() * 1000,
          }),
        ),
      ]);
      const before = await allItems(db);
      await storeNotifications(db, newer);
      const rest = await listAll({ sort: "newest", cursor: first.body.nextCursor! }, 5);
      expect([...first.body.traces, ...rest.items]).toEqual(referenceList(before, { sort: "newest" }));
      expect((await list("limit=1")).body.traces[0]!.traceId).toBe(newer[0]!.traceId);
    });

    it("answers 400 naming the parameter, for every bad value", async () => {
      for (const [params, pattern] of [
        ["limit=0", /^limit: /],
        ["sort=fastest", /^sort: /],
        ["error=maybe", /^error: /],
        ["traceId=zz", /^traceId: /],
        ["from=last+week", /^from: /],
        ["minMs=abc", /^minMs: /],
        ["cursor=abc", /^cursor: /],
        [`sort=slowest&cursor=${(await list("limit=1")).body.nextCursor}`, /^cursor: belongs to sort=newest/],
      ] as const) {
        const { status, body } = await list(params);
        expect(status, params).toBe(400);
        expect(body.error, params).toMatch(pattern);
      }
    });

    it("is answered by the keyset indexes: no sort step, cursor pages start inside the index", async () => {
      const cursor = (await list("limit=2")).body.nextCursor!;
      const slowCursor = (await list("limit=2&sort=slowest")).body.nextCursor!;
      const answeredCursor = (await list("limit=2&sort=answered")).body.nextCursor!;
      const plans: [TraceListQuery, string][] = [
        [{ sort: "newest", limit: 50 }, "trace_start_us_trace_id_idx"],
        [{ sort: "newest", limit: 50, cursor }, "trace_start_us_trace_id_idx"],
        [{ sort: "slowest", limit: 50, cursor: slowCursor }, "trace_duration_us_trace_id_idx"],
        [{ sort: "answered", limit: 50 }, "trace_answered_us_trace_id_idx"],
        [{ sort: "answered", limit: 50, cursor: answeredCursor }, "trace_answered_us_trace_id_idx"],
        [{ sort: "newest", limit: 50, error: true, service: "nova-api" }, "trace_start_us_trace_id_idx"],
      ];
      for (const [query, index] of plans) {
        const plan = await explain(query);
        expect(plan, JSON.stringify(query)).toContain(index);
        expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
      }
      // PostgreSQL answers a base_id prefix from its text_pattern_ops index (SQLite from the primary key).
      expect(await explain({ sort: "newest", limit: 50, traceId: "0c6a8b" }, ["seqscan"])).toContain(
        dialect === "sqlite" ? "sqlite_autoindex_trace_1" : "trace_trace_id_pattern_idx",
      );
    });

    /**
     * The plan of the list statement. On a table this small PostgreSQL rightly prefers a scan and
     * a sort; priced out of those (as they are on a big table), it must find an index that gives
     * the order: a Sort left in the plan means no index can.
     */
    async function explain(query: TraceListQuery, pricedOut = ["seqscan", "bitmapscan", "sort"]): Promise<string> {
      const { sql, args } = buildTraceListSql(dialect, query);
      if (dialect === "sqlite") {
        const rows = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...args);
        return rows.map((r) => r.detail).join("\n");
      }
      const rows = await db.prisma.$transaction(async (tx) => {
        for (const plan of pricedOut) await tx.$executeRawUnsafe(`SET LOCAL enable_${plan} = off`);
        return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...args);
      });
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    }

    it("lists the distinct services, projects and hosts for the filters", async () => {
      const items = await allItems(db);
      const answer = await callRoute<TraceFacets>(getFacets, "/api/traces/facets");
      expect(answer.status).toBe(200);
      const distinct = (pick: (t: TraceListItem) => string[]) => [...new Set(items.flatMap(pick))].sort();
      expect(answer.json).toEqual({
        services: distinct((t) => t.services),
        projects: distinct((t) => t.projects),
        hosts: distinct((t) => t.hosts),
      });
    });
  });

  describe("GET /api/traces/{traceId}", () => {
    const get = (traceId: string, headers?: HeadersInit) =>
      callRoute<CompactTrace & ApiError, { traceId: string }>(getTrace, `/api/traces/${traceId}`, { traceId }, { headers });

    it("gives the compact trace the model builds from the same notifications, payloads left out", async () => {
      const ids = [...manifest.traces.map((t) => t.baseId), synthetic[0]!.traceId, synthetic[synthetic.length - 1]!.traceId];
      for (const traceId of ids) {
        const { status, json, headers } = await get(traceId);
        expect(status).toBe(200);
        expect(headers.get("content-type")).toBe("application/json");
        const all = [...fixtureNotifications, ...synthetic];
        expect(json).toEqual(convertTraceToCompact(buildTrace(referenceSpans(all, traceId, false), traceId)));
      }
    });

    it("carries what the UI flags: the lost stop, the exceptions with their messages", async () => {
      const lost = fixture("lost-stop");
      const compact = (await get(lost.baseId)).json;
      const rpc = compact.ids.indexOf(lost.lostStopSpanId!);
      expect(compact.flags[rpc]! & SpanFlag.UNFINISHED).toBe(SpanFlag.UNFINISHED);

      const notFound = (await get(fixture("not-found").baseId)).json;
      const errors = notFound.errors.map(([, type, message]) => [notFound.strings[type], notFound.strings[message]]);
      expect(errors).toEqual([
        ["nova.exception.InstanceNotFound", "Instance 0b0e0c0a-0000-4000-8000-00000000dead could not be found."],
        ["sqlite3.OperationalError", expect.stringContaining("no such table: instance_faults")],
      ]);
    });

    it("answers 304 to its own ETag until the trace changes", async () => {
      const traceId = fixture("lost-stop").baseId;
      const first = await get(traceId);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(first.headers.get("cache-control")).toBe("no-cache");

      const again = await get(traceId, { "if-none-match": etag });
      expect(again.status).toBe(304);
      expect(again.text).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      expect((await get(traceId, { "if-none-match": `"stale", W/${etag}` })).status).toBe(304);
      expect((await get(traceId, { "if-none-match": `"stale"` })).status).toBe(200);

      // The lost rpc-stop finally arrives: same span count, new data, new tag.
      const spanId = fixture("lost-stop").lostStopSpanId!;
      const start = fixtureNotifications.find((n) => n.spanId === spanId)!;
      const stop = decodeBodies([
        envelopeV2({
          ...start.payload,
          name: "rpc-stop",
          timestamp: formatTimestampUs(start.timestampUs + 5000),
          info: { host: start.host },
        }),
      ]);
      await storeNotifications(db, stop);
      const changed = await get(traceId, { "if-none-match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(changed.json.flags[changed.json.ids.indexOf(spanId)]! & SpanFlag.UNFINISHED).toBe(0);
      // A trace of 2024 is not live, however recently it was stored; the 304 says so too.
      expect(changed.headers.get("x-ostrace-live")).toBe("0");
      expect((await get(traceId, { "if-none-match": changed.headers.get("etag")! })).headers.get("x-ostrace-live")).toBe("0");
    });

    it("says a trace is live while its spans are arriving now, on the answer and on its 304", async () => {
      const traceId = randomUUID(),
        spanId = randomUUID();
      const nowUs = Date.now() * 1000;
      const common = { traceId, spanId, parentId: traceId, project: "nova", service: "osapi_compute", host: "ctl-1", name: "wsgi" };
      await storeNotifications(
        db,
        decodeBodies([
          envelopeV2(
            profilerPayload({
              ...common,
              phase: "start",
              us: nowUs - 2000,
              info: { request: { method: "POST", path: "/v2.1/servers", query: "", scheme: "http" } },
            }),
          ),
        ]),
      );
      const first = await get(traceId);
      expect(first.headers.get("x-ostrace-live")).toBe("1");
      expect(Number(first.headers.get("x-ostrace-quiet-ms"))).toBeLessThan(30_000);
      const again = await get(traceId, { "if-none-match": first.headers.get("etag")! });
      expect(again.status).toBe(304);
      expect(again.headers.get("x-ostrace-live")).toBe("1");
    });

    it("finds an id pasted in upper case; 404 for an unknown id, 400 for a malformed one", async () => {
      const boot = fixture("boot").baseId;
      expect((await get(boot.toUpperCase())).json.traceId).toBe(boot);
      const unknown = randomUUID();
      expect(await get(unknown)).toMatchObject({ status: 404, json: { error: `no trace ${unknown} is stored` } });
      const bad = await get("0c6a8b65-1e1c");
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatch(/^traceId: "0c6a8b65-1e1c" is not a trace id/);
    });
  });

  describe("GET /api/traces/{traceId}/spans/{spanId}", () => {
    const get = (traceId: string, spanId: string) =>
      callRoute<SpanDetails & ApiError, { traceId: string; spanId: string }>(getSpan, `/api/traces/${traceId}/spans/${spanId}`, {
        traceId,
        spanId,
      });

    it("gives every span with its raw start and stop payloads exactly as they were sent", async () => {
      const boot = fixture("boot").baseId;
      const notifications = fixtureNotifications.filter((n) => n.traceId === boot);
      for (const spanId of new Set(notifications.map((n) => n.spanId))) {
        const { status, json } = await get(boot, spanId);
        expect(status).toBe(200);
        const start = notifications.find((n) => n.spanId === spanId && n.phase === "start")!;
        const stop = notifications.find((n) => n.spanId === spanId && n.phase === "stop")!;
        expect(json.startPayload).toStrictEqual(start.payload);
        expect(json.stopPayload).toStrictEqual(stop.payload);
        expect(json).toMatchObject({
          traceId: boot,
          spanId,
          parentId: start.parentId,
          name: start.name,
          service: start.service,
          host: start.host,
          startUs: start.timestampUs,
          stopUs: stop.timestampUs,
          error: null,
        });
      }
    });

    it("says which half is missing, and what was raised", async () => {
      const lost = fixture("lost-stop");
      const rpcChild = fixtureNotifications.find((n) => n.parentId === lost.lostStopSpanId)!;
      const child = (await get(lost.baseId, rpcChild.spanId)).json;
      expect(child.startPayload).toStrictEqual(rpcChild.payload);

      const notFound = fixture("not-found").baseId;
      const raised = fixtureNotifications.find((n) => n.traceId === notFound && n.phase === "stop" && n.name === "compute_api")!;
      const span = (await get(notFound, raised.spanId)).json;
      expect(span.error).toEqual({
        type: "nova.exception.InstanceNotFound",
        message: "Instance 0b0e0c0a-0000-4000-8000-00000000dead could not be found.",
      });
      expect(span.stopPayload).toStrictEqual(raised.payload);

      const [orphan] = decodeBodies([
        envelopeV2(
          profilerPayload({ traceId: randomUUID(), spanId: randomUUID(), parentId: randomUUID(), name: "db", phase: "stop", us: T0 }),
        ),
      ]);
      await storeNotifications(db, [orphan!]);
      expect((await get(orphan!.traceId, orphan!.spanId)).json).toMatchObject({
        startUs: null,
        startPayload: null,
        stopPayload: orphan!.payload,
      });
    });

    it("answers 404 for an unknown span or trace, 400 for malformed ids", async () => {
      const boot = fixture("boot").baseId;
      const unknown = randomUUID();
      expect(await get(boot, unknown)).toMatchObject({ status: 404, json: { error: `trace ${boot} has no span ${unknown}` } });
      expect(await get(unknown, unknown)).toMatchObject({ status: 404, json: { error: `no trace ${unknown} is stored` } });
      expect((await get(boot, "12345")).json.error).toMatch(/^spanId: /);
      expect((await get("nope", unknown)).status).toBe(400);
    });
  });

  describe("GET /api/traces/{traceId}/osprofiler.json and .dot", () => {
    const getJson = (traceId: string, headers?: HeadersInit) =>
      callRoute<OsprofilerReport & ApiError, { traceId: string }>(
        getReport,
        `/api/traces/${traceId}/osprofiler.json`,
        { traceId },
        { headers },
      );

    for (const name of ["boot", "not-found"]) {
      it(`gives OSprofiler's own report for the captured "${name}" trace, byte for byte as \`osprofiler trace show --json\` printed it`, async () => {
        const { baseId } = fixture(name);
        const answer = await getJson(baseId);
        expect(answer.status).toBe(200);
        expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
        expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="${baseId}.osprofiler.json"`);
        const expectedText = readFixture(`report-${name}.json`);
        expect(answer.json).toStrictEqual(JSON.parse(expectedText));
        expect(answer.text).toBe(expectedText);
      });
    }

    it("gives what lib/trace builds for synthetic traces, with an ETag", async () => {
      for (const traceId of [synthetic[0]!.traceId, synthetic[synthetic.length - 1]!.traceId]) {
        const answer = await getJson(traceId);
        expect(answer.json).toStrictEqual(convertSpansToOsprofilerReport(referenceSpans(synthetic, traceId, true)));
        expect((await getJson(traceId, { "if-none-match": answer.headers.get("etag")! })).status).toBe(304);
      }
    });

    it("prints a report too deep to indent on one line, still the same report", async () => {
      const traceId = deep[0]!.traceId;
      const answer = await getJson(traceId);
      expect(answer.status).toBe(200);
      expect(answer.text.indexOf("\n")).toBe(answer.text.length - 1);
      expect(answer.text).toBe(formatJsonLikePython(answer.json as unknown as Json, null) + "\n");
      expect(answer.json).toStrictEqual(convertSpansToOsprofilerReport(referenceSpans(deep, traceId, true)));
    });

    it("draws the dot graph `osprofiler trace show --dot` draws", async () => {
      const { baseId } = fixture("boot");
      const answer = await callRoute(getDot, `/api/traces/${baseId}/osprofiler.dot`, { traceId: baseId });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/vnd.graphviz; charset=utf-8");
      expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="${baseId}.osprofiler.dot"`);
      expect(answer.text).toBe(convertOsprofilerReportToDot(JSON.parse(readFixture("report-boot.json")) as OsprofilerReport));
    });

    it("answers 404 and 400 like the other routes", async () => {
      const unknown = randomUUID();
      expect(await getJson(unknown)).toMatchObject({ status: 404, json: { error: `no trace ${unknown} is stored` } });
      expect((await getJson("x")).status).toBe(400);
      const dot = await callRoute<ApiError, { traceId: string }>(getDot, `/api/traces/${unknown}/osprofiler.dot`, { traceId: unknown });
      expect(dot).toMatchObject({ status: 404, json: { error: `no trace ${unknown} is stored` } });
    });
  });

  it("answers 503 with no details when the database does not answer, and logs why", async () => {
    await useSharedDb("postgresql://root@127.0.0.1:1/unreachable");
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const answer = await list("");
      expect(answer).toEqual({ status: 503, body: { error: "the database is unavailable; retry later" } });
      const traceId = randomUUID();
      const trace = await callRoute(getTrace, `/api/traces/${traceId}`, { traceId });
      expect(trace.status).toBe(503);
      expect(trace.text).toBe(JSON.stringify({ error: "the database is unavailable; retry later" }));
    } finally {
      process.stderr.write = write;
      await useSharedDb(db.url);
    }
    const logged = lines.map((l) => JSON.parse(l) as { level: string; scope: string; url: string }).filter((l) => l.scope === "web.api");
    expect(logged.map((l) => [l.level, l.url])).toEqual([
      ["error", "/api/traces"],
      ["error", expect.stringMatching(/^\/api\/traces\/[0-9a-f-]{36}$/)],
    ]);
  });
});
