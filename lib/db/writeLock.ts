// Worker and web (HTTP ingest) may write at the same time. Every ingest transaction reads
// existing rows and then writes, so it takes the database's writer lock as its first step:
// in SQLite a write statement upgrades the transaction to the writer at once (a deferred BEGIN
// that reads first could fail with SQLITE_BUSY when it later writes); in PostgreSQL an
// transaction-scoped advisory lock serializes writers the same way.
import type { Dialect, Prisma } from "./client";

type Tx = Pick<Prisma, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** Arbitrary constant naming ostrace's writer lock among PostgreSQL advisory locks. */
const PG_WRITER_LOCK = 0x05_7ace;

export async function takeWriteLock(tx: Tx, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") {
    await tx.$executeRawUnsafe(`UPDATE "_ostrace_migrations" SET "name" = "name" WHERE 0 = 1`);
  } else {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${PG_WRITER_LOCK})::text AS locked`);
  }
}
