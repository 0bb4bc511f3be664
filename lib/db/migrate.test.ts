import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "@/tests/support/testDb";
import type { Span, SpanRow } from "../span/types";
import type { LongTextDescription } from "../trace/describeLongText";
import { splitStatements } from "./migrate";

describe("splitStatements", () => {
  it("splits at semicolons that end a line and drops comment lines", () => {
    const sql = "-- header\nCREATE TABLE a (x TEXT);\n\n-- why\nCREATE INDEX i ON a (x);\n";
    expect(splitStatements(sql)).toEqual(["CREATE TABLE a (x TEXT)", "CREATE INDEX i ON a (x)"]);
  });

  it("keeps a dollar-quoted body whole, semicolons and all", () => {
    const sql = "DO $$\nBEGIN\n  PERFORM 1;\n  PERFORM 2;\nEND\n$$;\nSELECT 3;\n";
    expect(splitStatements(sql)).toEqual(["DO $$\nBEGIN\n  PERFORM 1;\n  PERFORM 2;\nEND\n$$", "SELECT 3"]);
  });
});

describe.each(DIALECTS)("migrate on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("creates every table of the data model and is a no-op the second time", async () => {
    const { migrate } = await import("./migrate");
    expect(await migrate(db)).toEqual([]);
    expect(await db.prisma.span.count()).toBe(0);
    expect(await db.prisma.trace.count()).toBe(0);
    expect(await db.prisma.quarantinedMessage.count()).toBe(0);
    expect(await db.prisma.collectorStatus.count()).toBe(0);
  });

  it("round-trips microsecond timestamps exactly as BigInt", async () => {
    const startUs = 1_714_558_272_123_456n;
    await db.prisma.span.create({
      data: { traceId: "t", spanId: "s", parentId: "t", name: "db", project: "nova", service: "api", host: "h", startUs },
    });
    const span = await db.prisma.span.findUniqueOrThrow({ where: { traceId_spanId: { traceId: "t", spanId: "s" } } });
    expect(span.startUs).toBe(startUs);
  });
});

describe.each(DIALECTS)("migration 0007 on %s", (dialect) => {
  let db: TestDb;
  afterAll(async () => {
    await db?.drop();
  });

  it("gives traces stored before it their request signature", async () => {
    const { migrate, readMigrations } = await import("./migrate");
    const all = readMigrations(dialect);
    db = await createTestDb(
      dialect,
      all.filter((m) => m.name < "0007_"),
    );
    const trace = (traceId: string, rootMethod: string | null, rootPath: string | null, rootName: string | null) => ({
      traceId,
      rootMethod,
      rootPath,
      rootName,
    });
    const old = [
      trace("t1", "POST", "/v2.1/servers/3f6c0a9e-1b2c-4d5e-8f90-123456789abc/action", "wsgi"),
      trace("t2", null, null, "rpc"),
      trace("t3", null, null, null),
    ];
    for (const row of old) {
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "trace" ("trace_id", "start_us", "end_us", "duration_us", "span_count", "start_count", "stop_count", "error_count", "services", "projects", "hosts", "root_name", "root_method", "root_path", "updated_us") ` +
          `VALUES (${dialect === "sqlite" ? "?, 1, 2, 1, 1, 1, 1, 0, '|a|', '|p|', '|h|', ?, ?, ?, 1" : "$1, 1, 2, 1, 1, 1, 1, 0, '|a|', '|p|', '|h|', $2, $3, $4, 1"})`,
        row.traceId,
        row.rootName,
        row.rootMethod,
        row.rootPath,
      );
    }
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.name >= "0007_").map((m) => m.name));
    const rows = await db.prisma.trace.findMany({
      orderBy: { traceId: "asc" },
      select: { traceId: true, signature: true, aggregatedSpans: true },
    });
    expect(rows).toEqual([
      { traceId: "t1", signature: "POST /v2.1/servers/{id}/action", aggregatedSpans: 0 },
      { traceId: "t2", signature: "rpc", aggregatedSpans: 0 },
      { traceId: "t3", signature: null, aggregatedSpans: 0 },
    ]);
  });
});

describe.each(DIALECTS)("migration 0010 on %s", (dialect) => {
  let db: TestDb;
  afterAll(async () => {
    await db?.drop();
  });

  it("gives traces stored before it the time their API answered, read off the root span", async () => {
    const { migrate, readMigrations } = await import("./migrate");
    const all = readMigrations(dialect);
    db = await createTestDb(
      dialect,
      all.filter((m) => m.name < "0010_"),
    );
    const p = (i: number) => (dialect === "sqlite" ? "?" : `$${i}`);
    // t1: answered after 33 ms, its work went on for 10 s; t2: the root's stop never came;
    // t3: no root at all; t4: skewed clocks made the root stop before it started.
    const traces: [string, string | null][] = [
      ["t1", "r1"],
      ["t2", "r2"],
      ["t3", null],
      ["t4", "r4"],
    ];
    for (const [traceId, root] of traces) {
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "trace" ("trace_id", "start_us", "end_us", "duration_us", "span_count", "start_count", "stop_count", "error_count", "services", "projects", "hosts", "root_span_id", "updated_us") ` +
          `VALUES (${p(1)}, 1000, 10001000, 10000000, 1, 1, 1, 0, '|a|', '|p|', '|h|', ${p(2)}, 1)`,
        traceId,
        root,
      );
    }
    const span = (traceId: string, spanId: string, startUs: number | null, stopUs: number | null) =>
      insertSpanBefore(db, { ...EMPTY_ROW, traceId, spanId, parentId: traceId, name: "wsgi", startUs, stopUs });
    await span("t1", "r1", 1000, 34_100);
    await span("t1", "cast", 20_000, 10_001_000);
    await span("t2", "r2", 1000, null);
    await span("t4", "r4", 5000, 4000);
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.name >= "0010_").map((m) => m.name));
    const rows = await db.prisma.trace.findMany({ orderBy: { traceId: "asc" }, select: { traceId: true, answeredUs: true } });
    expect(rows).toEqual([
      { traceId: "t1", answeredUs: 33_100n },
      { traceId: "t2", answeredUs: null },
      { traceId: "t3", answeredUs: null },
      { traceId: "t4", answeredUs: 0n },
    ]);
  });
});

describe("migrate by several collectors starting at once on PostgreSQL", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("postgresql", []);
    await db.prisma.$executeRawUnsafe(`DROP TABLE "_ostrace_migrations"`); // a database no ostrace has touched
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies every migration once, whichever process gets there first, and none fails", async () => {
    const { openDb } = await import("./client");
    const { migrate, readMigrations } = await import("./migrate");
    const collectors = await Promise.all([1, 2, 3, 4].map(() => openDb(db.url)));
    try {
      const applied = await Promise.all(collectors.map((c) => migrate(c)));
      expect(applied.flat().sort()).toEqual(readMigrations("postgresql").map((m) => m.name));
    } finally {
      await Promise.all(collectors.map((c) => c.close()));
    }
  });
});

describe.each(DIALECTS)("migration 0011 on %s", (dialect) => {
  let db: TestDb;
  afterAll(async () => {
    await db?.drop();
  });

  it("leaves the long texts stored before it undescribed (read whole, sent as before) and describes those stored after", async () => {
    const { migrate, readMigrations } = await import("./migrate");
    const { readTraceSpans } = await import("./readTraceSpans");
    const { buildTrace, convertTraceToCompact } = await import("../trace");
    const { clipTraceTexts, TRACE_TEXT_LIMITS } = await import("../trace/clipTraceTexts");
    const all = readMigrations(dialect);
    db = await createTestDb(
      dialect,
      all.filter((m) => m.name < "0011_"),
    );
    const p = (i: number) => (dialect === "sqlite" ? "?" : `$${i}`);
    const old = `SELECT ${Array.from({ length: 3000 }, (_, k) => `c${k}`).join(", ")} FROM before_0011`;
    await db.prisma.$executeRawUnsafe(`INSERT INTO "span_detail" ("text") VALUES (${p(1)})`, old);
    const [{ id }] = await db.prisma.$queryRawUnsafe<[{ id: number }]>(`SELECT "id" FROM "span_detail" WHERE "text" = ${p(1)}`, old);
    await insertSpanBefore(db, { ...EMPTY_ROW, traceId: "t1", parentId: "t1", detailId: Number(id) });
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.name >= "0011_").map((m) => m.name));
    expect(await db.prisma.spanDetail.findMany({ select: { clip: true } })).toEqual([{ clip: null }]);
    const whole = JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(await readTraceSpans(db, "t1"), "t1"))));
    expect(whole).toContain("…[clipped for display: ");
    // As the page reads it (lib/api/readClippedTrace.ts): the same, read whole.
    const described = new Map();
    const spans = await readTraceSpans(db, "t1", described);
    expect(described.size).toBe(0);
    expect(JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(spans, "t1"), TRACE_TEXT_LIMITS, described)))).toBe(whole);

    // A batch bringing that text again and a new long one: the new one alone is described.
    const { upsertSpanDetails } = await import("./upsertSpanDetails");
    const fresh = old.replace("before_0011", "after_0011");
    const row = (detail: string) => ({ ...EMPTY_ROW, detail });
    await db.prisma.$transaction((tx) => upsertSpanDetails(tx, dialect, [row(old), row(fresh)]));
    const rows = await db.prisma.spanDetail.findMany({ orderBy: { id: "asc" }, select: { clip: true } });
    expect(rows.map((r) => r.clip === null)).toEqual([true, false]);
  });
});

describe.each(DIALECTS)("migration 0012 on %s", (dialect) => {
  let db: TestDb;
  afterAll(async () => {
    await db?.drop();
  });

  it("leaves the long exception messages stored before it in the rest (read whole, sent as before) and names those stored after", async () => {
    const { migrate, readMigrations } = await import("./migrate");
    const { readTraceSpans } = await import("./readTraceSpans");
    const { readEarliestTraceSpans } = await import("./readEarliestTraceSpans");
    const { upsertSpanRows } = await import("./upsertSpanRows");
    const { buildTrace, convertTraceToCompact } = await import("../trace");
    const { clipTraceTexts, TRACE_TEXT_LIMITS } = await import("../trace/clipTraceTexts");
    const all = readMigrations(dialect);
    db = await createTestDb(
      dialect,
      all.filter((m) => m.name < "0012_"),
    );
    const message = `Traceback: ${"a frame of a long exception ".repeat(300)}`;
    const raised = {
      ...EMPTY_ROW,
      traceId: "t3",
      parentId: "t3",
      errorType: "E",
      stopRest: JSON.stringify({ info: { etype: "E", message } }),
    };
    await insertSpanBefore(db, raised);
    expect(await migrate(db, all)).toEqual(["0012_span_message_id", "0013_span_detail_references"]);
    expect(await db.prisma.span.findMany({ select: { messageId: true } })).toEqual([{ messageId: null }]);

    const whole = await readTraceSpans(db, "t3");
    expect(whole[0]!.error).toEqual({ type: "E", message });
    const sent = JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(whole, "t3"))));
    expect(sent).toContain("…[clipped for display: ");
    // As the page reads it (lib/api/readClippedTrace.ts, the preview): the same, the message read from the rest.
    const page = async (read: (described: Map<string, LongTextDescription>) => Promise<Span[]>) => {
      const described = new Map<string, LongTextDescription>();
      const spans = await read(described);
      return {
        size: described.size,
        json: JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(spans, "t3"), TRACE_TEXT_LIMITS, described))),
      };
    };
    expect(await page((d) => readTraceSpans(db, "t3", d))).toEqual({ size: 0, json: sent });
    expect(await page((d) => readEarliestTraceSpans(db, "t3", 10, d))).toEqual({ size: 0, json: sent });

    // The span written again by a later batch (its start arriving, say): its message is stored and named.
    await db.prisma.$transaction((tx) => upsertSpanRows(tx, dialect, [raised]));
    const { messageId } = await db.prisma.span.findFirstOrThrow({ select: { messageId: true } });
    expect((await db.prisma.spanDetail.findUniqueOrThrow({ where: { id: messageId! } })).text).toBe(message);
    expect(await page((d) => readTraceSpans(db, "t3", d))).toEqual({ size: 1, json: sent });
    expect(await page((d) => readEarliestTraceSpans(db, "t3", 10, d))).toEqual({ size: 1, json: sent });
    // ...while the span API and the exports still read it whole from the rest.
    expect((await readTraceSpans(db, "t3"))[0]!.error).toEqual({ type: "E", message });
  });
});

/** A span row as an older schema takes it (the client's model has columns it lacks). */
async function insertSpanBefore(db: TestDb, row: SpanRow & { detailId?: number }): Promise<void> {
  const values = [row.traceId, row.spanId, row.parentId, row.name, row.project, row.service, row.host, row.startUs, row.stopUs];
  const more = [row.errorType, row.detailId ?? null, row.stopRest];
  const p = (i: number) => (db.dialect === "sqlite" ? "?" : `$${i}`);
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "span" ("trace_id", "span_id", "parent_id", "name", "project", "service", "host", "start_us", "stop_us", "error_type", "detail_id", "stop_rest") ` +
      `VALUES (${[...values, ...more].map((_, i) => p(i + 1)).join(", ")})`,
    ...values,
    ...more,
  );
}

const EMPTY_ROW: SpanRow = {
  traceId: "t2",
  spanId: "s1",
  parentId: "t2",
  name: "db",
  project: "nova",
  service: "api",
  host: "h",
  startUs: 1,
  stopUs: 2,
  errorType: null,
  detail: null,
  startRest: null,
  stopRest: null,
};
