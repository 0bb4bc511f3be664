// Fresh, migrated databases for tests: a temporary SQLite file, or a new PostgreSQL database
// on the local server (dropped afterwards), so test files never see each other's rows.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDb, type Db, type Dialect } from "@/lib/db/client";
import { migrate, type MigrationFile } from "@/lib/db/migrate";

export const DIALECTS: Dialect[] = ["sqlite", "postgresql"];

/** Admin connection used to create and drop test databases. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

export type TestDb = Db & { url: string; drop(): Promise<void> };

/** `migrations` (default: all) lets a test build the schema an older release left behind. */
export async function createTestDb(dialect: Dialect, migrations?: MigrationFile[]): Promise<TestDb> {
  const url = dialect === "sqlite" ? createSqliteUrl() : await createPostgresDatabase();
  const db = await openDb(url);
  await migrate(db, migrations);
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      if (dialect === "sqlite") rmSync(url.slice("file:".length).replace(/\/[^/]+$/, ""), { recursive: true, force: true });
      else await dropPostgresDatabase(new URL(url).pathname.slice(1));
    },
  };
}

function createSqliteUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "ostrace-test-")), "ostrace.db")}`;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(error as Error).message}). ` +
        "Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or run .ci/run.",
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<string> {
  const name = `ostrace_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
