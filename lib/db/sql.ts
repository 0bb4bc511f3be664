// Helpers for the raw SQL of the write path. Prisma's createMany is ~6k rows/s here, and even
// its raw path spends most of a batch converting thousands of bound parameters. So a batch
// travels as ONE parameter, a JSON array of row arrays, unpacked by the database itself
// (SQLite jsonb_each, PostgreSQL jsonb_array_elements): same SQL shape on both, a fraction of
// the CPU of a multi-row VALUES list.
import type { Dialect, Prisma } from "./client";

export type SqlRunner = Pick<Prisma, "$executeRawUnsafe" | "$queryRawUnsafe">;

type ColumnType = "text" | "bigint" | "integer";
export type Column = { name: string; type: ColumnType };

/**
 * `SELECT <casts> FROM <the JSON parameter>`: one row per element of the array bound as the
 * statement's only parameter, with the columns named and typed as given.
 */
export function selectJsonRows(dialect: Dialect, columns: readonly Column[]): string {
  // The binary JSON forms: with text JSON each `->>` re-parses the element (measured 1.4-2x slower).
  if (dialect === "sqlite") {
    return `SELECT ${columns.map((c, i) => `value ->> ${i} AS "${c.name}"`).join(", ")} FROM jsonb_each(jsonb(?))`;
  }
  return `SELECT ${columns.map((c, i) => `(r ->> ${i})::${c.type} AS "${c.name}"`).join(", ")} FROM jsonb_array_elements($1::jsonb) AS r`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/**
 * A text column's value made storable. A lone UTF-16 surrogate (JSON allows "\ud800") has no
 * UTF-8 form and PostgreSQL rejects its JSON escape, which would fail the batch on every
 * redelivery; it becomes U+FFFD, as a bound parameter would have made it. (Payload "rest" text
 * needs none of this: JSON.stringify already escaped it to ASCII.)
 */
export function storableText<T extends string | null>(value: T): T {
  return (value !== null && LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, "\ufffd") : value) as T;
}

export function columnList(columns: readonly Column[], prefix = ""): string {
  return columns.map((c) => `${prefix}"${c.name}"`).join(", ");
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** "(?, ?, ?), (?, ?, ?)" or "($1, $2, $3), ($4, $5, $6)" for `rows` rows of `width` values. */
export function valuesList(dialect: Dialect, rows: number, width: number): string {
  const tuples: string[] = [];
  let n = 1;
  for (let r = 0; r < rows; r++) {
    const slots: string[] = [];
    for (let c = 0; c < width; c++) slots.push(dialect === "sqlite" ? "?" : `$${n++}`);
    tuples.push(`(${slots.join(", ")})`);
  }
  return tuples.join(", ");
}

/** Rows one bound SQLite statement carries at most: 256 rows of the write path's widths (7-14) stay far below SQLite's 32,766 variables. */
const MAX_BOUND_ROWS = 256;

/**
 * SQLite: runs a multi-row statement over `rows` with their values bound, not one JSON parameter
 * as selectJsonRows: JSON.stringify of the rows and SQLite's JSON functions reading them back
 * were ~10% of the collector's instructions a notification (docs/benchmarks.md §70, §72). A text
 * binds as text, a number as a REAL that an INTEGER column stores as the integer `->>` gave.
 * `statement(n)` is the statement for n rows (`valuesList`), n a power of two: a batch of any size
 * takes at most nine distinct texts (keep them, memoizeByRowCount, for the prepared statements' cache).
 */
export async function executeBoundRows(
  sql: SqlRunner,
  rows: readonly (readonly unknown[])[],
  statement: (rowCount: number) => string,
): Promise<void> {
  for (let at = 0; at < rows.length;) {
    let size = MAX_BOUND_ROWS;
    while (size > rows.length - at) size >>= 1;
    const values: unknown[] = [];
    for (let r = at; r < at + size; r++) for (const value of rows[r]!) values.push(value);
    await sql.$executeRawUnsafe(statement(size), ...values);
    at += size;
  }
}

/** `make` remembered by its row count: the same text, and so the same prepared statement, every time. */
export function memoizeByRowCount(make: (rowCount: number) => string): (rowCount: number) => string {
  const made = new Map<number, string>();
  return (rowCount) => {
    let text = made.get(rowCount);
    if (text === undefined) made.set(rowCount, (text = make(rowCount)));
    return text;
  };
}

/** SQLite hands back INTEGER columns as numbers, PostgreSQL BIGINT as bigint; microseconds fit a number. */
export function toNumber(value: number | bigint): number {
  return typeof value === "bigint" ? Number(value) : value;
}

export function toNumberOrNull(value: number | bigint | null): number | null {
  return value === null ? null : toNumber(value);
}
