// SQLite's write path without Prisma's raw-query round trip. A batch's statements each bind one
// large JSON text (sql.ts); through $executeRawUnsafe that text is JSON-encoded once more by the
// client, parsed back by its query interpreter, and the statement is prepared anew every time:
// 6-9% of the collector's CPU in a drain profile. Inside an interactive transaction on SQLite,
// Prisma runs everything on the Db's one better-sqlite3 connection (its adapter holds the
// transaction mutex until COMMIT), so statements run straight on that connection during the
// transaction's callback are part of the same transaction. openDb (client.ts) registers each
// SQLite transaction here; directSql gives the write path a runner that keeps the connection's
// prepared statements, and hands back the Prisma client everywhere else (PostgreSQL, or outside
// such a transaction).
import type { Database, Statement } from "better-sqlite3";
import type { Prisma } from "./client";
import type { SqlRunner } from "./sql";

const direct = new WeakMap<object, SqlRunner>();

/** The runner for raw SQL in `sql`'s transaction: the direct one when openDb registered it, else `sql` itself. */
export function directSql(sql: SqlRunner): SqlRunner {
  return direct.get(sql) ?? sql;
}

/** Statements the write path reuses (a dozen distinct texts); past this many the cache starts over. */
const MAX_STATEMENTS = 64;

/**
 * Makes every interactive transaction of `prisma` (a SQLite client whose connection `connection`
 * returns, null before it connects) register a direct runner for directSql while its callback runs.
 */
export function enableDirectSql(prisma: Prisma, connection: () => Database | null): void {
  const statements = new Map<string, Statement>();
  let preparedOn: Database | null = null;
  const prepare = (database: Database, query: string): Statement => {
    if (database !== preparedOn) {
      // A new connection (Prisma reconnected): statements belong to the one that prepared them.
      statements.clear();
      preparedOn = database;
    }
    let statement = statements.get(query);
    if (!statement) {
      statement = database.prepare(query);
      if (statement.reader) statement.safeIntegers(false);
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statements.set(query, statement);
    }
    return statement;
  };
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  const wrapped = (arg: unknown, ...rest: unknown[]) => {
    if (typeof arg !== "function") return transaction(arg, ...rest);
    const fn = arg as (tx: SqlRunner) => Promise<unknown>;
    return transaction(
      async (tx: SqlRunner) => {
        const database = connection();
        if (database === null) return fn(tx);
        direct.set(
          tx,
          createDirectSqlRunner((query) => prepare(database, query), tx),
        );
        try {
          return await fn(tx);
        } finally {
          direct.delete(tx);
        }
      },
      ...rest,
    );
  };
  (prisma as unknown as { $transaction: typeof wrapped }).$transaction = wrapped;
}

/**
 * A SqlRunner on prepared statements. Its answers match the Prisma client's for the write path's
 * statements: rows as objects, integers as numbers (every integer the write path reads is a count,
 * an id or microseconds, far below 2^53), and the number of changed rows. Arguments other than
 * text, numbers and null go to `fallback`, where Prisma's conversions apply.
 */
function createDirectSqlRunner(prepare: (query: string) => Statement, fallback: SqlRunner): SqlRunner {
  const plain = (values: unknown[]) => values.every((v) => v === null || typeof v === "string" || typeof v === "number");
  const runner = {
    $executeRawUnsafe(query: string, ...values: unknown[]) {
      if (!plain(values)) return fallback.$executeRawUnsafe(query, ...values);
      return attempt(() => prepare(query).run(...values).changes);
    },
    $queryRawUnsafe(query: string, ...values: unknown[]) {
      if (!plain(values)) return fallback.$queryRawUnsafe(query, ...values);
      return attempt(() => prepare(query).all(...values));
    },
  };
  return runner as unknown as SqlRunner;
}

function attempt<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
