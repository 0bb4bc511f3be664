// Applies prisma/migrations/<provider>/<name>/migration.sql in name order, each once, recorded
// in _ostrace_migrations. Prisma's own migration engine cannot be downloaded on our machines,
// so the project applies its SQL itself, the same way for SQLite and PostgreSQL.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { backfillSignatures } from "./backfillSignatures";
import type { Db } from "./client";
import { takeWriteLock } from "./writeLock";

export type MigrationFile = { name: string; sql: string };

export function readMigrations(dialect: Db["dialect"], root = process.cwd()): MigrationFile[] {
  const dir = join(root, "prisma", "migrations", dialect);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name, "migration.sql"), "utf8") }));
}

/**
 * Splits a migration into statements; our migrations keep one statement per `;` at line end.
 * A dollar-quoted body (a PostgreSQL DO block or function, between `$$` lines) stays whole:
 * its own statements end lines with `;` too.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let quoted = false;
  for (const line of sql.split("\n")) {
    if (!quoted && /^\s*--/.test(line)) continue;
    current.push(line);
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) quoted = !quoted;
    if (!quoted && /;\s*$/.test(line)) {
      statements.push(current.join("\n").replace(/;\s*$/, "").trim());
      current = [];
    }
  }
  statements.push(current.join("\n").trim());
  return statements.filter(Boolean);
}

/** Returns the names of the migrations it applied (empty when the database was current). */
export async function migrate(db: Db, migrations = readMigrations(db.dialect)): Promise<string[]> {
  const done = await applyMigrations(db, migrations);
  // Data a migration cannot compute in SQL, filled in code (a no-op once filled, or before 0007).
  if (migrations.some((m) => m.name.startsWith("0007_"))) await backfillSignatures(db);
  return done;
}

async function applyMigrations(db: Db, migrations: readonly MigrationFile[]): Promise<string[]> {
  const { prisma, dialect } = db;
  const bigint = dialect === "sqlite" ? "INTEGER" : "BIGINT";
  const createTable = `CREATE TABLE IF NOT EXISTS "_ostrace_migrations" ("name" TEXT PRIMARY KEY, "applied_us" ${bigint} NOT NULL)`;
  // SQLite's writer lock writes to this table, so it must exist first. On PostgreSQL the lock is
  // an advisory lock and the table is created under it: several collectors starting at once on
  // a new database would otherwise race in CREATE TABLE IF NOT EXISTS (duplicate key in pg_type).
  if (dialect === "sqlite") await prisma.$executeRawUnsafe(createTable);
  // Looked at first without the lock, which waits for every batch in flight and holds every
  // writer back: a collector starting on a current database (the usual start) need not take it.
  // Applied migrations are never undone, so a name found applied stays applied.
  if (!(await hasPendingMigrations(db, migrations))) return [];
  return prisma.$transaction(
    async (tx) => {
      await takeWriteLock(tx, dialect);
      if (dialect === "postgresql") await tx.$executeRawUnsafe(createTable);
      const rows = await tx.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_ostrace_migrations"`);
      const applied = new Set(rows.map((r) => r.name));
      const done: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        for (const statement of splitStatements(migration.sql)) await tx.$executeRawUnsafe(statement);
        const now = BigInt(Date.now()) * 1000n;
        await tx.$executeRawUnsafe(
          `INSERT INTO "_ostrace_migrations" ("name", "applied_us") VALUES (${dialect === "sqlite" ? "?, ?" : "$1, $2"})`,
          migration.name,
          now,
        );
        done.push(migration.name);
      }
      return done;
    },
    // A migration that moves data (0003) rewrites the span table: minutes on a database of millions of spans.
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}

/** Whether `_ostrace_migrations` lacks one of `migrations` (or does not exist yet), read without a lock. */
async function hasPendingMigrations(db: Db, migrations: readonly MigrationFile[]): Promise<boolean> {
  if (db.dialect === "postgresql") {
    const [table] = await db.prisma.$queryRawUnsafe<{ exists: boolean }[]>(
      `SELECT to_regclass('"_ostrace_migrations"') IS NOT NULL AS "exists"`,
    );
    if (!table?.exists) return true;
  }
  const rows = await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_ostrace_migrations"`);
  const applied = new Set(rows.map((r) => r.name));
  return migrations.some((m) => !applied.has(m.name));
}
