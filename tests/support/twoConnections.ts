import { afterAll, beforeAll } from "vitest";
import { openDb, type Db, type Dialect } from "@/lib/db/client";
import { createTestDb, type TestDb } from "./testDb";

export type TwoConnections = {
  /** The suite's fresh database, dropped after it. */
  db: TestDb;
  /** A second connection to the same database, as another process (a second collector, the web app) has. */
  other: Db;
};

/**
 * Opens a fresh database and a second connection to it before the calling suite's tests and closes
 * both after them. The two are there once the suite's tests run, not when its body is collected:
 * read them inside the tests (`conn.db`), never destructured at the top of the suite.
 */
export function withTwoConnections(dialect: Dialect): TwoConnections {
  const conn = {} as TwoConnections;
  beforeAll(async () => {
    conn.db = await createTestDb(dialect);
    conn.other = await openDb(conn.db.url);
  });
  afterAll(async () => {
    await conn.other?.close();
    await conn.db?.drop();
  });
  return conn;
}
