// SQLite's span upsert binds each row's values (upsertSpanRows.ts) where it bound one JSON text
// unpacked by `jsonb_each` and `->>` before: the stored rows must not change, values nor types.
// The JSON statement is kept here as the reference, written into a second database.
import { describe, expect, it } from "vitest";
import type { SpanRow } from "@/lib/span/types";
import { boundAgainstReference, storedTypes } from "@/tests/support/boundAgainstReference";
import { readDescribableMessage } from "./describedDetail";
import { convertSpanRowToArray, SPAN_COLUMNS } from "./spanColumns";
import { columnList, selectJsonRows } from "./sql";
import { upsertSpanDetails } from "./upsertSpanDetails";
import { upsertSpanRows } from "./upsertSpanRows";

const TRACE = "22222222-2222-4222-8222-222222222222";
const UPDATE = SPAN_COLUMNS.slice(2)
  .map((c) => `"${c.name}" = excluded."${c.name}"`)
  .join(", ");

function spanId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
}

const LONG_MESSAGE = `boom ${"x".repeat(5000)} \u00e9\u{1f600}`;

/** Rows of every kind of value: nulls, large and negative integers, escapes, non-BMP and lone surrogates, long messages. */
function row(i: number, second: boolean): SpanRow {
  const errored = i % 7 === 0;
  return {
    traceId: TRACE,
    spanId: spanId(i),
    parentId: i === 0 ? TRACE : spanId(i - 1),
    name: i % 5 === 0 ? `db\ud800 "quoted" \\ \n\t\u0001` : `wsgi \u00e9\u{1f600}`,
    project: "nova",
    service: i % 3 === 0 ? "" : "nova-api",
    host: `ctl-${i % 4}`,
    startUs: i % 11 === 0 ? null : 1_765_000_000_000_000 + i * 1_000_003,
    stopUs: second ? (i % 13 === 0 ? -5 : 1_765_000_000_000_100 + i * 1_000_003) : null,
    errorType: second && errored ? "ValueError" : null,
    detail: i % 4 === 0 ? null : `SELECT ${i % 9} FROM t WHERE x = '\u{1f600}\ud801'`,
    startRest: i % 11 === 0 ? null : JSON.stringify({ info: { n: i, s: 'a"b\\c\u2028\ud800' } }),
    stopRest: second ? JSON.stringify(errored ? { info: { etype: "ValueError", message: LONG_MESSAGE } } : { info: {} }) : null,
  };
}

const compared = boundAgainstReference<SpanRow>({
  table: "span",
  columns: SPAN_COLUMNS.map((c) => c.name),
  orderBy: ["trace_id", "span_id"],
  bound: (tx, rows) => upsertSpanRows(tx, "sqlite", rows),
  reference: async (tx, rows) => {
    const messages = rows.map(readDescribableMessage);
    const ids = await upsertSpanDetails(tx, "sqlite", rows, undefined, messages);
    await tx.$executeRawUnsafe(
      `INSERT INTO "span" (${columnList(SPAN_COLUMNS)}) ${selectJsonRows("sqlite", SPAN_COLUMNS)} WHERE true ` +
        `ON CONFLICT ("trace_id", "span_id") DO UPDATE SET ${UPDATE}`,
      JSON.stringify(rows.map((r, i) => convertSpanRowToArray(r, ids, messages[i] ?? null))),
    );
  },
});

describe("SQLite span rows bound as values", () => {
  it("stores the same bytes and types as the JSON statement, new rows and updated ones, in batches of any size", async () => {
    // 300 rows take statements of 256, 32, 8 and 4 rows; 1 and 7 the smallest.
    for (const [from, to, second] of [
      [0, 300, false],
      [0, 1, true],
      [300, 307, false],
      [1, 300, true],
    ] as const) {
      const rows = Array.from({ length: to - from }, (_, k) => row(from + k, second));
      await compared.write(rows);
    }
    const { bound: stored, reference } = await compared.read();
    expect(stored).toHaveLength(307);
    expect(stored).toEqual(reference);
    // The reference covers what the test means to: integers, nulls, reals never, a long message named.
    const types = storedTypes(stored);
    for (const t of [
      "start_us_type=integer",
      "start_us_type=null",
      "stop_us_type=integer",
      "detail_id_type=integer",
      "message_id_type=integer",
      "error_type_type=null",
    ])
      expect(types).toContain(t);
    expect([...types].some((t) => t.endsWith("=real"))).toBe(false);
  });
});
