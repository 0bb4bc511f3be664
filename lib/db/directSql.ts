// The write path's statements without Prisma's raw-query round trip. A batch's statements each
// bind one large JSON text (sql.ts); through $executeRawUnsafe that text is JSON-encoded once more
// by the client, parsed back by its query interpreter, and the statement is prepared anew every
// time: 6-9% of the collector's CPU in a drain profile. Inside an interactive transaction Prisma
// runs everything on one driver connection (SQLite: the Db's one better-sqlite3 connection, under
// the adapter's mutex until COMMIT; PostgreSQL: the pool client the adapter took for it), so
// statements run straight on that connection during the transaction's callback are part of the
// same transaction: they commit with it and roll back with it. openDb (client.ts) wraps each
// interactive transaction with its dialect's tracker (directSqlite.ts, directPostgres.ts);
// directSql gives the write path the direct runner that registered, and hands back the Prisma
// client everywhere else (outside such a transaction, or when no connection was found).
import type { Prisma } from "./client";
import type { SqlRunner } from "./sql";

const direct = new WeakMap<object, SqlRunner>();

/** The runner for raw SQL in `sql`'s transaction: the direct one when openDb registered it, else `sql` itself. */
export function directSql(sql: SqlRunner): SqlRunner {
  return direct.get(sql) ?? sql;
}

/** Given a transaction's Prisma client, the direct runner on its connection, or null to keep Prisma's path. */
type OpenDirectRunner = (tx: SqlRunner) => SqlRunner | null;

/**
 * Runs one $transaction call (`start`); the `open` it passes is called in the transaction's
 * callback. A dialect's tracker finds the transaction's connection while `start` runs.
 */
export type TrackTransaction = <T>(start: (open: OpenDirectRunner) => Promise<T>) => Promise<T>;

/** Makes every interactive transaction of `prisma` register its direct runner for directSql while its callback runs. */
export function enableDirectSql(prisma: Prisma, track: TrackTransaction): void {
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  const wrapped = (arg: unknown, ...rest: unknown[]) => {
    if (typeof arg !== "function") return transaction(arg, ...rest);
    const fn = arg as (tx: SqlRunner) => Promise<unknown>;
    return track((open) =>
      transaction(
        async (tx: SqlRunner) => {
          const runner = open(tx);
          if (runner === null) return fn(tx);
          direct.set(tx, runner);
          try {
            return await fn(tx);
          } finally {
            direct.delete(tx);
          }
        },
        ...rest,
      ),
    );
  };
  (prisma as unknown as { $transaction: typeof wrapped }).$transaction = wrapped;
}

/** Text, numbers and null bind the same way everywhere; anything else goes to Prisma's conversions. */
export function arePlainValues(values: readonly unknown[]): boolean {
  for (const v of values) if (!(v === null || typeof v === "string" || typeof v === "number")) return false;
  return true;
}
