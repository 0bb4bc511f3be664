// Worker and web (HTTP ingest) may write at the same time, and on PostgreSQL several collectors
// do. Every ingest transaction reads existing rows and then writes, so it takes a lock first.
// SQLite: a write statement upgrades the transaction to the one writer at once (a deferred
// BEGIN that reads first could fail with SQLITE_BUSY when it later writes), so SQLite has one
// writer at a time whatever the mode. PostgreSQL: a transaction-scoped advisory lock, taken
// shared by ingest batches (which then serialize per trace, takeKeyLocks.ts) and exclusive by
// whatever must see no batch in flight (migrations; a rewrite across traces).
import type { Dialect, Prisma } from "./client";

type Tx = Pick<Prisma, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** Arbitrary constant naming ostrace's writer lock among PostgreSQL advisory locks. */
const PG_WRITER_LOCK = 0x05_7ace;

export async function takeWriteLock(tx: Tx, dialect: Dialect, mode: "exclusive" | "shared" = "exclusive"): Promise<void> {
  if (dialect === "sqlite") {
    await tx.$executeRawUnsafe(`UPDATE "_ostrace_migrations" SET "name" = "name" WHERE 0 = 1`);
  } else {
    const lock = mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
    await tx.$queryRawUnsafe(`SELECT ${lock}(${PG_WRITER_LOCK})::text AS locked`);
  }
}
