import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpanRow } from "@/lib/span/types";
import { createTestDb, DIALECTS, type TestDb } from "@/tests/support/testDb";
import { migrate, readMigrations } from "./migrate";
import { readSpanRow } from "./readSpanRow";
import { readTraceSpanRows } from "./readTraceSpanRows";
import { readTraceSpans } from "./readTraceSpans";
import { upsertSpanRows } from "./upsertSpanRows";
import { takeWriteLock } from "./writeLock";

const TRACE = "11111111-1111-4111-8111-111111111111";
const N_PLUS_ONE = "SELECT instances.uuid FROM instances WHERE instances.id = %(id_1)s";
const LONG = `SELECT ${Array.from({ length: 800 }, (_, i) => `col_${i}`).join(", ")} FROM wide_table`; // > 8 KB: beyond a btree entry
const LONE_SURROGATE = "GET /v2/\ud800images";

function spanId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
}

function row(i: number, detail: string | null): SpanRow {
  return {
    traceId: TRACE,
    spanId: spanId(i),
    parentId: TRACE,
    name: "db",
    project: "nova",
    service: "nova-api",
    host: "ctl-1",
    startUs: 1_700_000_000_000_000 + i,
    stopUs: 1_700_000_000_000_100 + i,
    errorType: null,
    detail,
    startRest: "{}",
    stopRest: "{}",
  };
}

async function write(db: TestDb, rows: SpanRow[]): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    await takeWriteLock(tx, db.dialect);
    await upsertSpanRows(tx, db.dialect, rows);
  });
}

async function countDetails(db: TestDb): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "span_detail"`);
  return Number(rows[0]!.n);
}

describe.each(DIALECTS)("span detail texts on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("keeps each text once however many spans and batches repeat it, and reads every span's own text back", async () => {
    const first = [
      ...Array.from({ length: 50 }, (_, i) => row(i, N_PLUS_ONE)),
      row(50, LONG),
      row(51, LONE_SURROGATE),
      row(52, null),
      row(53, "nova.compute.manager.ComputeManager.build_and_run_instance"),
    ];
    await write(db, first);
    expect(await countDetails(db)).toBe(4);

    // A second batch: the stop of span 0 (same row rewritten), more N+1 repeats, one new text.
    await write(db, [{ ...row(0, N_PLUS_ONE), stopUs: 1_700_000_000_009_999 }, row(60, N_PLUS_ONE), row(61, "POST /v2.1/servers")]);
    expect(await countDetails(db)).toBe(5);

    const expected = new Map<string, string | null>([
      ...first.map((r) => [r.spanId, r.detail] as const),
      [spanId(51), "GET /v2/\ufffdimages"], // a lone surrogate has no UTF-8 form: stored as U+FFFD
      [spanId(60), N_PLUS_ONE],
      [spanId(61), "POST /v2.1/servers"],
    ]);
    const rows = await readTraceSpanRows(db, TRACE);
    expect(new Map(rows.map((r) => [r.spanId, r.detail]))).toEqual(expected);
    const spans = await readTraceSpans(db, TRACE);
    expect(new Map(spans.map((s) => [s.spanId, s.detail]))).toEqual(expected);
    expect((await readSpanRow(db, TRACE, spanId(0)))?.stopUs).toBe(1_700_000_000_009_999);
    expect((await readSpanRow(db, TRACE, spanId(50)))?.detail).toBe(LONG);
  });
});

describe.each(DIALECTS)("many long detail texts of one length on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("gives every span its own text when a batch holds dozens of distinct 20K statements of one length, each repeated", async () => {
    // Past a few such texts the ids are found by the texts' pieces (lib/span/createTextMap.ts).
    const texts = Array.from({ length: 30 }, (_, i) => `SELECT ${"c, ".repeat(6_700)}${String(i).padStart(4, "0")} FROM t`);
    expect(new Set(texts.map((t) => t.length)).size).toBe(1);
    const rows = Array.from({ length: 90 }, (_, i) => row(i, texts[i % 30]!));
    await write(db, rows);
    expect(await countDetails(db)).toBe(30);
    const spans = await readTraceSpans(db, TRACE);
    expect(new Map(spans.map((s) => [s.spanId, s.detail]))).toEqual(new Map(rows.map((r) => [r.spanId, r.detail])));
  });
});

describe.each(DIALECTS)("migration 0003 on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(
      dialect,
      readMigrations(dialect).filter((m) => m.name < "0003"),
    );
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("moves the detail texts of spans stored before it into span_detail, once each, keeping every other column", async () => {
    const p = (n: number) => (dialect === "sqlite" ? "?" : `$${n}`);
    const before = [
      row(1, N_PLUS_ONE),
      { ...row(2, N_PLUS_ONE), stopUs: null, stopRest: null },
      { ...row(3, LONG), errorType: "ValueError" },
      row(4, null),
    ];
    for (const r of before) {
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "span" ("trace_id", "span_id", "parent_id", "name", "project", "service", "host", "start_us", "stop_us", "error_type", "detail", "start_rest", "stop_rest") ` +
          `VALUES (${[...Array(13).keys()].map((i) => p(i + 1)).join(", ")})`,
        r.traceId,
        r.spanId,
        r.parentId,
        r.name,
        r.project,
        r.service,
        r.host,
        r.startUs,
        r.stopUs,
        r.errorType,
        r.detail,
        r.startRest,
        r.stopRest,
      );
    }
    expect(await migrate(db)).toEqual(
      readMigrations(dialect)
        .map((m) => m.name)
        .filter((name) => name >= "0003"),
    );
    expect(await countDetails(db)).toBe(2);
    const rows = await readTraceSpanRows(db, TRACE);
    expect(rows.sort((a, b) => a.spanId.localeCompare(b.spanId))).toEqual(before);
    // Ingest after the migration finds the moved texts instead of adding them again.
    await write(db, [row(5, N_PLUS_ONE), row(6, LONG)]);
    expect(await countDetails(db)).toBe(2);
  });
});
