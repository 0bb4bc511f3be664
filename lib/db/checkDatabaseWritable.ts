// "Is the database down, or is it this batch?" A batch can fail because the database is
// unreachable, read-only, locked or full, or because of what the batch holds. The collector, the
// HTTP ingest and the import ask this after a failure and only blame the messages when it
// resolves: a write transaction that takes the writer lock and runs a write statement (touching
// no row) succeeds only when the database takes writes right now.
import type { Db } from "./client";
import { takeWriteLock } from "./writeLock";

export async function checkDatabaseWritable(db: Db): Promise<void> {
  await db.prisma.$transaction(
    async (tx) => {
      await takeWriteLock(tx, db.dialect, "shared");
      // SQLite's lock statement is already a write; PostgreSQL's advisory lock is not refused in a read-only transaction.
      if (db.dialect === "postgresql") await tx.$executeRawUnsafe(`UPDATE "_ostrace_migrations" SET "name" = "name" WHERE 0 = 1`);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
