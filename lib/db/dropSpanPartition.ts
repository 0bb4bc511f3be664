// Retention on PostgreSQL (migration 0008): once every trace first stored on a day has expired,
// that day's span partition goes whole, detached and dropped, instead of its rows being deleted
// one by one (lib/db/deleteOldestTraces.ts, which still serves partly expired days and SQLite).
//
// One transaction under the writer lock, in its own turn (no batch writes meanwhile): check that
// the day's traces have all expired, delete their rows (trace, trace_aggregate, trace_identifier),
// then detach the partition, and commit; the detached table is dropped after. Detach comes last
// because it takes an ACCESS EXCLUSIVE lock on "span" until commit, which the web's reads wait
// for: held for a catalog change only, and given up after lock_timeout when a long read is in
// the way (the next round tries again). Not DETACH ... CONCURRENTLY: PostgreSQL refuses it on a
// table that has a default partition, and the default partition is what keeps a batch from
// failing when no partition covers its day. The looks before it (is a trace of the day still
// live?) take no lock and no turn: the transaction looks again under the lock.
// Before the drop, the span_detail rows the detached spans named and no span in "span" names
// are deleted (deleteUnusedSpanDetails.ts), DETAILS_PER_STEP ids a transaction, each under the
// writer lock and in its own turn, as deleteOldestTraces does: on PostgreSQL each id is looked for
// in two indexes of every span partition (docs/benchmarks.md §87), so a batch commit waits for
// one slice at most. The detached table, which nothing else reads or writes, lists them, and is
// dropped only once every slice is done: a crash (or a failed slice) between slices, or between
// the detach's commit and the drop, leaves a detached table whose traces are already gone, and
// the next call finishes it (its slices, then the drop). A failure after the detach committed
// throws an UnfinishedStepError carrying the day's deleted traces and spans, for the caller to
// count once (the call that finishes the table later reports nothing).
import type { Db } from "./client";
import { deleteUnusedSpanDetailSlices, type DeletedTraces } from "./deleteOldestTraces";
import { listSpanPartitions } from "./listSpanPartitions";
import { toNumber } from "./sql";
import type { WriterTurn } from "./sweepUnusedSpanDetails";
import { UnfinishedStepError } from "./UnfinishedStepError";
import { takeWriteLock } from "./writeLock";

/** How long the detach may wait behind reads of spans before this round gives up. */
const DETACH_LOCK_TIMEOUT = "5s";

export type DroppedPartition = DeletedTraces & { partition: string };

/**
 * Drops the oldest daily partition all of whose traces were last updated before `beforeUs` or,
 * with `beforeUs` null (the size budget), that no trace uses any more. Null when none qualifies.
 * Its transactions each in `turn`: the detach, then the span_detail slices.
 */
export async function dropSpanPartition(
  db: Db,
  options: { beforeUs: number | null; nowUs?: number },
  turn: WriterTurn = (work) => work(),
): Promise<DroppedPartition | null> {
  if (db.dialect !== "postgresql") return null;
  const { prisma } = db;
  await dropDetachedPartitions(db, turn);
  const limitUs = Math.min(options.beforeUs ?? Infinity, options.nowUs ?? Date.now() * 1000);
  for (const partition of await listSpanPartitions(prisma)) {
    if (partition.toUs > limitUs) break;
    const range = `"stored_us" >= ${partition.fromUs} AND "stored_us" < ${partition.toUs}`;
    const liveTrace = `SELECT 1 FROM "trace" WHERE ${range}${options.beforeUs === null ? "" : ` AND "updated_us" >= ${Math.floor(options.beforeUs)}`} LIMIT 1`;
    // Looked at first without the lock, which holds ingest back: most days are still in use.
    if ((await prisma.$queryRawUnsafe<unknown[]>(liveTrace)).length > 0) continue;
    const dropped = await turn(() =>
      prisma.$transaction(
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
      ),
    );
    if (dropped === null) continue;
    try {
      await sweepAndDrop(db, dropped.partition, turn);
    } catch (error) {
      throw new UnfinishedStepError(dropped, error);
    }
    return dropped;
  }
  return null;
}

/** Daily partition tables left detached (a crash or a failure before their drop): their traces went with the detach. */
async function dropDetachedPartitions(db: Db, turn: WriterTurn): Promise<void> {
  const rows = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c."relname" AS "name" FROM "pg_class" AS c WHERE c."relkind" = 'r' AND c."relname" ~ '^span_p[0-9]{8}$' ` +
      `AND c."relnamespace" = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM "pg_inherits" AS i WHERE i."inhrelid" = c."oid")`,
  );
  for (const r of rows) await sweepAndDrop(db, r.name, turn);
}

/**
 * Deletes the span_detail rows only detached partition `name` named, a slice a turn, then drops
 * it. The look and the drop touch only the detached table, which nothing else uses, and read
 * span_detail: no turn. The look lists only the rows still there, so a call that finishes a table
 * an earlier one left (a crash or a failed slice) goes on from where that one stopped.
 */
async function sweepAndDrop(db: Db, name: string, turn: WriterTurn): Promise<void> {
  const named = await db.prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT d."id" FROM "span_detail" AS d JOIN (SELECT "detail_id" AS "id" FROM "${name}" UNION SELECT "message_id" FROM "${name}") AS n ` +
      `ON n."id" = d."id" ORDER BY d."id"`,
  );
  await deleteUnusedSpanDetailSlices(
    db,
    named.map((r) => toNumber(r.id)),
    turn,
  );
  await db.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
}
