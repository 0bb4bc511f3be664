// SQLite's trace_aggregate upsert binds each delta's values (upsertTraceAggregates.ts) where it bound
// one JSON text unpacked by `jsonb_each` and `->>` before: the stored sums must not change, values
// nor types, new keys and keys added to. The JSON statement is kept here as the reference.
import { describe, expect, it } from "vitest";
import type { TraceAggregateDelta } from "@/lib/ingest/types";
import { boundAgainstReference, storedTypes } from "@/tests/support/boundAgainstReference";
import { columnList, selectJsonRows, storableText, type Column } from "./sql";
import { upsertTraceAggregates } from "./upsertTraceAggregates";

const COLUMNS: readonly Column[] = [
  { name: "trace_id", type: "text" },
  { name: "kind", type: "text" },
  { name: "key_hash", type: "text" },
  { name: "key", type: "text" },
  { name: "count", type: "integer" },
  { name: "total_us", type: "bigint" },
  { name: "max_us", type: "bigint" },
];

const REFERENCE =
  `INSERT INTO "trace_aggregate" (${columnList(COLUMNS)}) ${selectJsonRows("sqlite", COLUMNS)} WHERE true ` +
  `ON CONFLICT ("trace_id", "kind", "key_hash") DO UPDATE SET "count" = "trace_aggregate"."count" + excluded."count", ` +
  `"total_us" = "trace_aggregate"."total_us" + excluded."total_us", "max_us" = max("trace_aggregate"."max_us", excluded."max_us")`;

function delta(i: number, round: number): TraceAggregateDelta {
  return {
    traceId: `33333333-3333-4333-8333-${String(i % 17).padStart(12, "0")}`,
    kind: i % 2 === 0 ? "sql" : "call",
    keyHash: `hash-${i}`,
    // Texts with escapes, non-BMP characters and a lone surrogate; null for a key stored before.
    key: round > 0 ? null : i % 5 === 0 ? `SELECT "x" \\ \n \u{1f600} \ud800 ${i}` : `nova-api\twsgi ${i}`,
    count: round === 2 && i % 3 === 0 ? -1 : 1 + (i % 4),
    totalUs: (i % 7 === 0 ? 0 : 1_765_000_000 + i * 999_983) * (round === 2 && i % 3 === 0 ? -1 : 1),
    maxUs: i % 11 === 0 ? 0 : 2 ** 40 + i * 7 + round,
  };
}

const compared = boundAgainstReference<TraceAggregateDelta>({
  table: "trace_aggregate",
  columns: COLUMNS.map((c) => c.name),
  orderBy: ["trace_id", "kind", "key_hash"],
  bound: (tx, deltas) => upsertTraceAggregates(tx, "sqlite", deltas),
  reference: (tx, deltas) => {
    const rows = deltas.map((d) => [d.traceId, d.kind, d.keyHash, storableText(d.key ?? ""), d.count, d.totalUs, d.maxUs]);
    return tx.$executeRawUnsafe(REFERENCE, JSON.stringify(rows));
  },
});

describe("SQLite trace aggregates bound as values", () => {
  it("stores the same bytes and types as the JSON statement, new keys and sums added to, in batches of any size", async () => {
    // 300 deltas take statements of 256, 32, 8 and 4 rows; then 1 and 299 added to the stored keys.
    for (const [from, to, round] of [
      [0, 300, 0],
      [0, 1, 1],
      [1, 300, 2],
    ] as const) {
      const deltas = Array.from({ length: to - from }, (_, k) => delta(from + k, round));
      await compared.write(deltas);
    }
    const { bound: stored, reference } = await compared.read();
    expect(stored).toHaveLength(300);
    expect(stored).toEqual(reference);
    const types = storedTypes(stored);
    expect([...types].sort()).toEqual(
      [
        "count_type=integer",
        "key_hash_type=text",
        "key_type=text",
        "kind_type=text",
        "max_us_type=integer",
        "total_us_type=integer",
        "trace_id_type=text",
      ].sort(),
    );
  });
});
