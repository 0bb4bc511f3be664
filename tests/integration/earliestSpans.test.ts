// A big trace's preview (lib/db/readEarliestTraceSpans) reads its first spans in time through the
// (trace_id, start_us) index of migration 0009, on SQLite and on every partition of PostgreSQL's span table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpanRow } from "@/lib/span/types";
import { createTestDb, DIALECTS, type TestDb } from "@/tests/support/testDb";
import { createSpanPartitions } from "@/lib/db/createSpanPartitions";
import { readEarliestTraceSpans, selectEarliestSpanIds } from "@/lib/db/readEarliestTraceSpans";
import { upsertSpanRows } from "@/lib/db/upsertSpanRows";
import { takeWriteLock } from "@/lib/db/writeLock";

const TRACE = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const T0 = 1_700_000_000_000_000;

function row(traceId: string, i: number, startUs: number | null): SpanRow {
  return {
    traceId,
    spanId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    parentId: traceId,
    name: "db",
    project: "nova",
    service: "nova-api",
    host: "ctl-1",
    startUs,
    stopUs: startUs === null ? T0 : startUs + 10,
    errorType: null,
    detail: null,
    startRest: null,
    stopRest: null,
  };
}

describe.each(DIALECTS)("readEarliestTraceSpans on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    // Starts in scrambled order (i * 37 mod 101 visits every residue once), a few without a
    // start (only a stop arrived), and another trace whose spans start earlier still.
    const rows = [
      ...Array.from({ length: 100 }, (_, i) => row(TRACE, i, T0 + ((i * 37) % 101) * 1000)),
      ...[100, 101, 102].map((i) => row(TRACE, i, null)),
      ...Array.from({ length: 20 }, (_, i) => row(OTHER, i, T0 - 1_000_000 + i)),
    ];
    await db.prisma.$transaction(async (tx) => {
      await takeWriteLock(tx, db.dialect);
      await upsertSpanRows(tx, db.dialect, rows);
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reads the trace's earliest starts only, leaving out spans without a start and other traces", async () => {
    const spans = await readEarliestTraceSpans(db, TRACE, 5);
    const starts = spans.map((s) => s.startUs! - T0).sort((x, y) => x - y);
    expect(starts).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(spans.every((s) => s.traceId === TRACE && s.startPayload === null)).toBe(true);
    expect(await readEarliestTraceSpans(db, TRACE, 1000)).toHaveLength(100);
  });

  // A 1M-span trace's preview took 1.6 s sorting all of its rows; through the index it stops
  // after `limit` entries. The planner is told to avoid what it would pick on a table this small
  // (a scan, a sort): only an index in (trace_id, start_us) order lets it do without a sort.
  it("reads the ids in order from the (trace_id, start_us) index, on every partition", async () => {
    if (dialect === "sqlite") {
      const plan = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${selectEarliestSpanIds("?", "?")}`, TRACE, 5);
      const text = plan.map((p) => p.detail).join("\n");
      expect(text).toContain("span_trace_id_start_us_idx");
      expect(text).not.toContain("TEMP B-TREE");
      return;
    }
    // A partition made after the migration (the collector makes them day by day) has the index too.
    expect((await createSpanPartitions(db)).length).toBeGreaterThan(0);
    const plan = await db.prisma.$transaction(async (tx) => {
      for (const off of ["enable_seqscan", "enable_bitmapscan", "enable_sort"]) await tx.$executeRawUnsafe(`SET LOCAL ${off} = off`);
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${selectEarliestSpanIds("'" + TRACE + "'", "5")}`);
    });
    const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
    expect(text).not.toMatch(/Sort\s+\(cost|Seq Scan/); // a Merge Append of ordered index scans, no sort
    const partitions = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT c."relname" AS "name" FROM "pg_inherits" AS i JOIN "pg_class" AS c ON c."oid" = i."inhrelid" WHERE i."inhparent" = '"span"'::regclass`,
    );
    expect(partitions.length).toBeGreaterThan(1);
    for (const { name } of partitions) expect(text).toContain(`Index Scan using ${name}_trace_id_start_us_idx on ${name} `);
  });
});
