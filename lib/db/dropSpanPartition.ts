// Retention on PostgreSQL (migration 0008): once every trace first stored on a day has expired,
// that day's span partition goes whole, detached and dropped, instead of its rows being deleted
// one by one (lib/db/deleteOldestTraces.ts, which still serves partly expired days and SQLite).
//
// One transaction under the writer lock, exclusive (no batch writes meanwhile): check that the
// day's traces have all expired, delete their rows (trace, trace_aggregate, trace_identifier),
// then detach the partition, and commit; the detached table is dropped after. Detach comes last
// because it takes an ACCESS EXCLUSIVE lock on "span" until commit, which the web's reads wait
// for: held for a catalog change only, and given up after lock_timeout when a long read is in
// the way (the next round tries again). Not DETACH ... CONCURRENTLY: PostgreSQL refuses it on a
// table that has a default partition, and the default partition is what keeps a batch from
// failing when no partition covers its day. A crash between commit and drop leaves a detached
// table whose traces are already gone; the next call drops it.
// Before the drop, the span_detail rows the detached spans named and no span in "span" names
// are deleted (deleteUnusedSpanDetails.ts), a few thousand at a time under the writer lock: the
// detached table, which nothing else reads or writes, lists them.
import type { Db } from "./client";
import { collectNamedDetails, deleteUnusedSpanDetails, type NamedDetails } from "./deleteUnusedSpanDetails";
import type { DeletedTraces } from "./deleteOldestTraces";
import { listSpanPartitions } from "./listSpanPartitions";
import { toNumber } from "./sql";
import { takeWriteLock } from "./writeLock";

/** How long the detach may wait behind reads of spans before this round gives up. */
const DETACH_LOCK_TIMEOUT = "5s";

export type DroppedPartition = DeletedTraces & { partition: string };

/**
 * Drops the oldest daily partition all of whose traces were last updated before `beforeUs` or,
 * with `beforeUs` null (the size budget), that no trace uses any more. Null when none qualifies.
 */
export async function dropSpanPartition(db: Db, options: { beforeUs: number | null; nowUs?: number }): Promise<DroppedPartition | null> {
  if (db.dialect !== "postgresql") return null;
  const { prisma } = db;
  await dropDetachedPartitions(db);
  const limitUs = Math.min(options.beforeUs ?? Infinity, options.nowUs ?? Date.now() * 1000);
  for (const partition of await listSpanPartitions(prisma)) {
    if (partition.toUs > limitUs) break;
    const range = `"stored_us" >= ${partition.fromUs} AND "stored_us" < ${partition.toUs}`;
    const liveTrace = `SELECT 1 FROM "trace" WHERE ${range}${options.beforeUs === null ? "" : ` AND "updated_us" >= ${Math.floor(options.beforeUs)}`} LIMIT 1`;
    // Looked at first without the lock, which holds ingest back: most days are still in use.
    if ((await prisma.$queryRawUnsafe<unknown[]>(liveTrace)).length > 0) continue;
    const dropped = await prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, "postgresql");
        // Again under the lock: a batch may have brought one of the day's traces meanwhile.
        if ((await tx.$queryRawUnsafe<unknown[]>(liveTrace)).length > 0) return null;
        const [counts] = await tx.$queryRawUnsafe<{ traces: number | bigint; spans: number | bigint | null }[]>(
          `SELECT count(*) AS "traces", sum("span_count")::bigint AS "spans" FROM "trace" WHERE ${range}`,
        );
        const ids = `SELECT "trace_id" FROM "trace" WHERE ${range}`;
        await tx.$executeRawUnsafe(`DELETE FROM "trace_aggregate" WHERE "trace_id" IN (${ids})`);
        await tx.$executeRawUnsafe(`DELETE FROM "trace_identifier" WHERE "trace_id" IN (${ids})`);
        await tx.$executeRawUnsafe(`DELETE FROM "trace" WHERE ${range}`);
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${DETACH_LOCK_TIMEOUT}'`);
        await tx.$executeRawUnsafe(`ALTER TABLE "span" DETACH PARTITION "${partition.name}"`);
        return { partition: partition.name, traces: toNumber(counts!.traces), spans: toNumber(counts!.spans ?? 0) };
      },
      { maxWait: 60_000, timeout: 600_000 },
    );
    if (dropped === null) continue;
    await sweepAndDrop(db, dropped.partition);
    return dropped;
  }
  return null;
}

/** Daily partition tables left detached (a crash before their drop): their traces went with the detach. */
async function dropDetachedPartitions(db: Db): Promise<void> {
  const rows = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c."relname" AS "name" FROM "pg_class" AS c WHERE c."relkind" = 'r' AND c."relname" ~ '^span_p[0-9]{8}$' ` +
      `AND c."relnamespace" = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM "pg_inherits" AS i WHERE i."inhrelid" = c."oid")`,
  );
  for (const r of rows) await sweepAndDrop(db, r.name);
}

/** span_detail rows a step deletes under the writer lock: ingest waits for one step at most. */
const DETAILS_PER_STEP = 5000;

/** Deletes the span_detail rows only detached partition `name` named, then drops it. */
async function sweepAndDrop(db: Db, name: string): Promise<void> {
  const named = await db.prisma.$queryRawUnsafe<NamedDetails>(
    `SELECT DISTINCT "detail_id", "message_id" FROM "${name}" WHERE "detail_id" IS NOT NULL OR "message_id" IS NOT NULL`,
  );
  const ids = [...collectNamedDetails(named)];
  for (let at = 0; at < ids.length; at += DETAILS_PER_STEP) {
    await db.prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, "postgresql");
        await deleteUnusedSpanDetails(tx, "postgresql", ids.slice(at, at + DETAILS_PER_STEP));
      },
      { maxWait: 60_000, timeout: 120_000 },
    );
  }
  await db.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
}
