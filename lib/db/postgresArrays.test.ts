// PostgreSQL's span rows and trace aggregates are bound as binary arrays (postgresArrays.ts) where
// they were one JSON text unpacked by `jsonb_array_elements` and `->>`: the stored rows must not
// change. The JSON statements are the reference, written into a second database; both databases'
// every column is compared as its text (bytes) and its type.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TraceAggregateDelta } from "@/lib/ingest/types";
import type { SpanRow } from "@/lib/span/types";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { readDescribableMessage } from "./describedDetail";
import { directSql } from "./directSql";
import { convertSpanRowToArray, SPAN_COLUMNS } from "./spanColumns";
import { selectJsonRows, storableText } from "./sql";
import { upsertSpanDetails } from "./upsertSpanDetails";
import { postgresUpsert as spanUpsert, upsertSpanRows } from "./upsertSpanRows";
import { postgresUpsert as aggregateUpsert, upsertTraceAggregates } from "./upsertTraceAggregates";
import { takeWriteLock } from "./writeLock";

const TRACE = "44444444-4444-4444-8444-444444444444";
const LONG_MESSAGE = `boom ${"x".repeat(5000)} \u00e9\u{1f600}`;

function spanId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
}

/** Rows of every kind of value: nulls, large and negative integers, escapes, non-BMP and lone surrogates, long messages. */
function row(i: number, second: boolean): SpanRow {
  const errored = i % 7 === 0;
  return {
    traceId: TRACE,
    spanId: spanId(i),
    parentId: i === 0 ? TRACE : spanId(i - 1),
    name: i % 5 === 0 ? `db\ud800 "quoted" \\ {a,b} NULL \n\t\u0001` : `wsgi \u00e9\u{1f600}`,
    project: "nova",
    service: i % 3 === 0 ? "" : "nova-api",
    host: `ctl-${i % 4}`,
    startUs: i % 11 === 0 ? null : 1_765_000_000_000_000 + i * 1_000_003,
    stopUs: second ? (i % 13 === 0 ? -5 : 1_765_000_000_000_100 + i * 1_000_003) : null,
    errorType: second && errored ? "ValueError" : null,
    detail: i % 4 === 0 ? null : `SELECT ${i % 9} FROM t WHERE x = '\u{1f600}\ud801'`,
    startRest: i % 11 === 0 ? null : JSON.stringify({ info: { n: i, s: 'a"b\\c\u2028\ud800\u00e9' } }),
    stopRest: second ? JSON.stringify(errored ? { info: { etype: "ValueError", message: LONG_MESSAGE } } : { info: {} }) : null,
  };
}

function delta(i: number, round: number): TraceAggregateDelta {
  return {
    traceId: `33333333-3333-4333-8333-${String(i % 17).padStart(12, "0")}`,
    kind: i % 2 === 0 ? "sql" : "call",
    keyHash: `hash-${i}`,
    key: round > 0 ? null : i % 5 === 0 ? `SELECT "x" \\ {} \n \u{1f600} \ud800 ${i}` : `nova-api\twsgi ${i}`,
    count: round === 2 && i % 3 === 0 ? -1 : 1 + (i % 4),
    totalUs: (i % 7 === 0 ? 0 : 1_765_000_000 + i * 999_983) * (round === 2 && i % 3 === 0 ? -1 : 1),
    maxUs: i % 11 === 0 ? -(2 ** 45) : 2 ** 50 + i * 7 + round,
  };
}

async function writeSpans(db: TestDb, rows: SpanRow[], reference: boolean): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    await takeWriteLock(tx, db.dialect);
    // The arrays are bound only on the direct runner (directPostgres.ts): the test means that path.
    if (!reference) return (expect(directSql(tx)).not.toBe(tx), upsertSpanRows(tx, db.dialect, rows));
    const messages = rows.map(readDescribableMessage);
    const ids = await upsertSpanDetails(tx, db.dialect, rows, undefined, messages);
    const arrays = rows.map((r, i) => convertSpanRowToArray(r, ids, messages[i] ?? null));
    await tx.$executeRawUnsafe(spanUpsert(selectJsonRows(db.dialect, SPAN_COLUMNS)), JSON.stringify(arrays));
  });
}

async function writeDeltas(db: TestDb, deltas: TraceAggregateDelta[], reference: boolean): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    await takeWriteLock(tx, db.dialect);
    if (!reference) return (expect(directSql(tx)).not.toBe(tx), upsertTraceAggregates(tx, db.dialect, deltas));
    const rows = deltas.map((d) => [d.traceId, d.kind, d.keyHash, storableText(d.key ?? ""), d.count, d.totalUs, d.maxUs]);
    await tx.$executeRawUnsafe(aggregateUpsert(selectJsonRows(db.dialect, AGGREGATE_COLUMNS)), JSON.stringify(rows));
  });
}

const AGGREGATE_COLUMNS = [
  { name: "trace_id", type: "text" },
  { name: "kind", type: "text" },
  { name: "key_hash", type: "text" },
  { name: "key", type: "text" },
  { name: "count", type: "integer" },
  { name: "total_us", type: "bigint" },
  { name: "max_us", type: "bigint" },
] as const;

/** Every column of every row of `table`: its type, and its value as text in hex (null stays null). */
async function readStored(db: TestDb, table: string, order: string): Promise<Record<string, unknown>[]> {
  const columns = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
    table,
  );
  const select = columns
    .map(({ name }) => `pg_typeof("${name}")::text AS "${name}_type", encode(convert_to("${name}"::text, 'UTF8'), 'hex') AS "${name}_hex"`)
    .join(", ");
  return db.prisma.$queryRawUnsafe(`SELECT ${select} FROM "${table}" ORDER BY ${order}`);
}

describe("PostgreSQL rows bound as binary arrays", () => {
  let bound: TestDb;
  let reference: TestDb;
  beforeAll(async () => {
    [bound, reference] = await Promise.all([createTestDb("postgresql"), createTestDb("postgresql")]);
  });
  afterAll(async () => {
    await Promise.all([bound?.drop(), reference?.drop()]);
  });

  it("stores the same span rows as the JSON statement, new and updated", async () => {
    for (const [from, to, second] of [
      [0, 300, false],
      [0, 1, true],
      [300, 307, false],
      [1, 300, true],
    ] as const) {
      const rows = Array.from({ length: to - from }, (_, k) => row(from + k, second));
      await writeSpans(bound, rows, false);
      await writeSpans(reference, rows, true);
    }
    const stored = await readStored(bound, "span", `"trace_id", "span_id"`);
    expect(stored).toHaveLength(307);
    expect(stored).toEqual(await readStored(reference, "span", `"trace_id", "span_id"`));
    // What the rows were meant to cover: nulls, negative integers, a long message named.
    expect(stored.some((r) => r.start_us_hex === null)).toBe(true);
    expect(stored.some((r) => r.stop_us_hex === Buffer.from("-5").toString("hex"))).toBe(true);
    expect(stored.some((r) => r.message_id_hex !== null)).toBe(true);
    expect(stored.some((r) => r.detail_id_hex !== null)).toBe(true);
  });

  it("stores the same aggregate sums as the JSON statement, new keys, keys added to and negative deltas", async () => {
    for (const round of [0, 1, 2]) {
      const deltas = Array.from({ length: 300 }, (_, i) => delta(i, round));
      await writeDeltas(bound, deltas, false);
      await writeDeltas(reference, deltas, true);
    }
    const order = `"trace_id", "kind", "key_hash"`;
    const stored = await readStored(bound, "trace_aggregate", order);
    expect(stored).toHaveLength(300);
    expect(stored).toEqual(await readStored(reference, "trace_aggregate", order));
  });
});
