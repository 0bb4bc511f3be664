// directSql.ts on SQLite: the adapter's one better-sqlite3 connection, with the write path's
// prepared statements kept (a dozen distinct texts) instead of prepared at every call.
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { Database, Statement } from "better-sqlite3";
import { arePlainValues, type TrackTransaction } from "./directSql";
import type { SqlRunner } from "./sql";

/** Past this many distinct statements the cache starts over. */
const MAX_STATEMENTS = 64;

/** Notes the connection `adapter` opens (call before the client connects); the tracker for enableDirectSql. */
export function trackSqliteTransactions(adapter: PrismaBetterSqlite3): TrackTransaction {
  let connection: Database | null = null;
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    connection = (connected as unknown as { client: Database }).client;
    return connected;
  };
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
  return (start) =>
    start((tx) => {
      const database = connection;
      return database === null ? null : createSqliteRunner((query) => prepare(database, query), tx);
    });
}

/**
 * A SqlRunner on prepared statements. Its answers match the Prisma client's for the write path's
 * statements: rows as objects, integers as numbers (every integer the write path reads is a count,
 * an id or microseconds, far below 2^53), and the number of changed rows. Arguments other than
 * text, numbers and null go to `fallback`, where Prisma's conversions apply.
 */
function createSqliteRunner(prepare: (query: string) => Statement, fallback: SqlRunner): SqlRunner {
  const runner = {
    $executeRawUnsafe(query: string, ...values: unknown[]) {
      if (!arePlainValues(values)) return fallback.$executeRawUnsafe(query, ...values);
      return attempt(() => prepare(query).run(...values).changes);
    },
    $queryRawUnsafe(query: string, ...values: unknown[]) {
      if (!arePlainValues(values)) return fallback.$queryRawUnsafe(query, ...values);
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
