// Retention steps (deleteOldestTraces.ts, trimQuarantine.ts) take the writer lock exclusively:
// that waits for every batch in flight and holds every collector's batches back meanwhile, and
// every collector runs the steps every round. So a step first looks, without the lock, whether
// it has anything to do. A "no" cannot turn stale by age: a batch stamps what it writes with
// its writer's current time (a trace's updated_us, a quarantined message's received_us), so it
// makes nothing old. Bodies that push the quarantine past its size just after the look wait for
// the next round, as they would had they come just after the step. A "yes" is looked at again
// by the step itself under the lock.
import type { Dialect } from "./client";
import type { SqlRunner } from "./sql";

const param = (dialect: Dialect) => (dialect === "sqlite" ? "?" : "$1");

/** Whether a trace was last updated before `beforeUs` (null: whether there is any trace at all). */
export async function hasTracesToDelete(sql: SqlRunner, dialect: Dialect, beforeUs: number | null): Promise<boolean> {
  const rows =
    beforeUs === null
      ? await sql.$queryRawUnsafe<unknown[]>(`SELECT 1 AS "x" FROM "trace" LIMIT 1`)
      : await sql.$queryRawUnsafe<unknown[]>(
          `SELECT 1 AS "x" FROM "trace" WHERE "updated_us" < ${param(dialect)} LIMIT 1`,
          BigInt(Math.floor(beforeUs)),
        );
  return rows.length > 0;
}

/** Whether a quarantined message was received before `beforeUs`, or the kept bodies exceed `maxBytes`. */
export async function hasQuarantineToTrim(
  sql: SqlRunner,
  dialect: Dialect,
  options: { beforeUs: number | null; maxBytes: number | null },
): Promise<boolean> {
  if (options.beforeUs !== null) {
    const old = await sql.$queryRawUnsafe<unknown[]>(
      `SELECT 1 AS "x" FROM "quarantined_message" WHERE "received_us" < ${param(dialect)} LIMIT 1`,
      BigInt(Math.floor(options.beforeUs)),
    );
    if (old.length > 0) return true;
  }
  if (options.maxBytes === null) return false;
  const [row] = await sql.$queryRawUnsafe<{ n: number | bigint | string | null }[]>(
    `SELECT SUM(${quarantineBodyBytes(dialect)}) AS n FROM "quarantined_message"`,
  );
  return Number(row?.n ?? 0) > options.maxBytes;
}

/** The bytes of a kept quarantined body, as the quarantine's size limit counts them. */
export function quarantineBodyBytes(dialect: Dialect): string {
  return dialect === "sqlite" ? `length("body")` : `octet_length("body")`;
}
