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
// one slice at most. The detached table, which nothing writes, lists them, and is
// dropped only once every slice is done: a crash (or a failed slice) between slices, or between
// the detach's commit and the drop, leaves a detached table whose traces are already gone, and
// the next call finishes it (its slices, then the drop), as does every retention round in its
// step 0 (dropDetachedPartitions, whatever the limits; the round's drops then skip that look).
// A failure after the detach committed throws an UnfinishedStepError carrying the day's deleted
// traces and spans, for the caller to count once (the call that finishes the table later
// reports nothing).
// Several collectors on one database each finish every detached table they list, so two may
// list the same one at once (one detached it and runs its slices, another's round lists it). The
// one finishing it holds a transaction-scoped advisory lock keyed by the table (tried without
// waiting, in a transaction of its own open from its look to its drop); another that finds it
// held leaves the table to it, so its slices run once. A finisher that dies (or fails) mid-way
// ends its transaction and so its lock: the next round to list the table goes on from where it
// stopped. A table gone means another call finished it: before the look, one that took the lock
// between this call's detach and its own; between slices, a collector of an earlier release,
// which takes no such lock. A look that fails on a table that is gone, and the slices left once
// it is gone, end quietly (no failed round).
// A collector asked to stop (`stopping`) ends a finish before its next slice, not after a whole
// day of them (before its first when asked during the detach's turn): the claim commits with the
// table still detached, its lock goes with it, and the next round (of this collector or another)
// goes on from there.
import { claimTimeoutStatements } from "./claimTimeouts";
import type { Db } from "./client";
import { deleteUnusedSpanDetailSlices, DETAILS_PER_STEP, type DeletedTraces } from "./deleteOldestTraces";
import { listSpanPartitions } from "./listSpanPartitions";
import { toNumber } from "./sql";
import type { WriterTurn } from "./sweepUnusedSpanDetails";
import { tryKeyLocks } from "./tryKeyLocks";
import { UnfinishedStepError } from "./UnfinishedStepError";
import { takeWriteLock } from "./writeLock";

/** How long the detach may wait behind reads of spans before this round gives up. */
const DETACH_LOCK_TIMEOUT = "5s";

/**
 * How long the transaction holding a detached table's lock may stay open: its slices wait for the
 * batch commits' turns, ~0.1 s each at 1,000 ids (docs/benchmarks.md §87), a few thousand for a big day.
 */
const FINISH_TIMEOUT_MS = 6 * 3_600_000;

export type DroppedPartition = DeletedTraces & { partition: string };

/**
 * Drops the oldest daily partition all of whose traces were last updated before `beforeUs` or,
 * with `beforeUs` null (the size budget), that no trace uses any more. Null when none qualifies.
 * Its transactions each in `turn`: the detach, then the span_detail slices. First it finishes the
 * tables left detached (dropDetachedPartitions), unless `leftovers` is false: the collector's
 * retention round has done so in its step 0, and a round drops several days (one catalog query each).
 */
export async function dropSpanPartition(
  db: Db,
  options: { beforeUs: number | null; nowUs?: number; leftovers?: boolean; stopping?: AbortSignal },
  turn: WriterTurn = (work) => work(),
): Promise<DroppedPartition | null> {
  if (db.dialect !== "postgresql") return null;
  const { prisma } = db;
  if (options.leftovers !== false) await dropDetachedPartitions(db, turn, options.stopping);
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
      await sweepAndDrop(db, dropped.partition, turn, options.stopping);
    } catch (error) {
      throw new UnfinishedStepError(dropped, error);
    }
    return dropped;
  }
  return null;
}

/**
 * Finishes the daily partition tables left detached (a crash or a failure before their drop):
 * their traces went with the detach. One another call is finishing (its lock held: another
 * collector's drop under way) is left to it. One catalog query when there are none. Their slices
 * each in `turn`; none begun once `stopping` is aborted.
 */
export async function dropDetachedPartitions(db: Db, turn: WriterTurn = (work) => work(), stopping?: AbortSignal): Promise<void> {
  if (db.dialect !== "postgresql") return;
  const rows = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c."relname" AS "name" FROM "pg_class" AS c WHERE c."relkind" = 'r' AND c."relname" ~ '^span_p[0-9]{8}$' ` +
      `AND c."relnamespace" = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM "pg_inherits" AS i WHERE i."inhrelid" = c."oid")`,
  );
  for (const r of rows) {
    if (stopping?.aborted) return;
    await sweepAndDrop(db, r.name, turn, stopping);
  }
}

/**
 * Deletes the span_detail rows only detached partition `name` named, a slice a turn, then drops
 * it, holding the table's lock (a transaction open meanwhile, `claim`, which takes no other lock
 * and no turn); nothing when another call holds it. The look and the drop touch only the
 * detached table, which nothing writes, and read span_detail: no turn. The look lists only the
 * rows still there, so a call that finishes a table an earlier one left (a crash or a failed
 * slice) goes on from where that one stopped. A table gone, before the look or between slices,
 * was finished by another call: nothing left to do. Once `stopping` is aborted no slice begins,
 * the first one included: the table stays detached for the next round.
 */
async function sweepAndDrop(db: Db, name: string, turn: WriterTurn, stopping?: AbortSignal): Promise<void> {
  const { prisma } = db;
  await prisma.$transaction(
    async (claim) => {
      if ((await tryKeyLocks(claim, "detached", [name])).size === 0) return;
      // Idle between its statements while the slices run: a server's timeouts would end it, and its lock, mid-way.
      const [server] = await claim.$queryRawUnsafe<{ v: number }[]>(`SELECT current_setting('server_version_num')::int AS "v"`);
      for (const statement of claimTimeoutStatements(server!.v)) await claim.$executeRawUnsafe(statement);
      const ids = await listNamedDetails(db, name);
      if (ids === null) return;
      for (let at = 0; at < ids.length; at += DETAILS_PER_STEP) {
        // Before the first slice too: a stop asked during the detach's turn (dropSpanPartition)
        // leaves the new table to the next round as one asked between slices does.
        if (stopping?.aborted || (at > 0 && (await isGone(db, name)))) return;
        await deleteUnusedSpanDetailSlices(db, ids.slice(at, at + DETAILS_PER_STEP), turn);
      }
      await claim.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
    },
    { maxWait: 60_000, timeout: FINISH_TIMEOUT_MS },
  );
}

/**
 * The span_detail rows detached table `name` names, by id; null when the table is gone. Not in
 * the claim's transaction: a failed statement would end it.
 */
async function listNamedDetails(db: Db, name: string): Promise<number[] | null> {
  try {
    const named = await db.prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
      `SELECT d."id" FROM "span_detail" AS d JOIN (SELECT "detail_id" AS "id" FROM "${name}" UNION SELECT "message_id" FROM "${name}") AS n ` +
        `ON n."id" = d."id" ORDER BY d."id"`,
    );
    return named.map((r) => toNumber(r.id));
  } catch (error) {
    if (await isGone(db, name)) return null;
    throw error;
  }
}

/** Whether table `name` no longer exists (a catalog lookup). */
async function isGone(db: Db, name: string): Promise<boolean> {
  const [row] = await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass($1)::text AS "t"`, `"${name}"`);
  return row!.t === null;
}
