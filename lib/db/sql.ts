// Small helpers for the raw SQL of the write path. Prisma's createMany is ~6k rows/s here; one
// multi-row INSERT ... ON CONFLICT through $executeRawUnsafe is several times faster, and is
// the same SQL on SQLite and PostgreSQL except for the placeholders.
import type { Dialect, Prisma } from "./client";

export type SqlRunner = Pick<Prisma, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** Rows per statement: keeps the parameter count far below SQLite's 32766 and PostgreSQL's 65535. */
export const ROWS_PER_STATEMENT = 500;

/** "(?, ?, ?), (?, ?, ?)" or "($1, $2, $3), ($4, $5, $6)" for `rows` rows of `width` values. */
export function valuesList(dialect: Dialect, rows: number, width: number, firstIndex = 1): string {
  const tuples: string[] = [];
  let n = firstIndex;
  for (let r = 0; r < rows; r++) {
    const slots: string[] = [];
    for (let c = 0; c < width; c++) slots.push(dialect === "sqlite" ? "?" : `$${n++}`);
    tuples.push(`(${slots.join(", ")})`);
  }
  return tuples.join(", ");
}

export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** SQLite hands back INTEGER columns as numbers, PostgreSQL BIGINT as bigint; microseconds fit a number. */
export function toNumber(value: number | bigint): number {
  return typeof value === "bigint" ? Number(value) : value;
}

export function toNumberOrNull(value: number | bigint | null): number | null {
  return value === null ? null : toNumber(value);
}
