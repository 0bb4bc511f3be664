// One retention step on traces: deletes the traces received longest ago (updated_us, oldest
// first), optionally only those not updated since `beforeUs`, up to about `maxSpans` spans, in
// one short transaction under the writer lock, so an ingest batch waits for one step at most;
// the lock is taken only when a look without it finds a trace to delete (hasRetentionWork.ts).
// A trace bigger than a step loses `maxSpans` of its spans per step (its row's span count
// follows) and its row goes with its last span. The span_detail rows the deleted spans named
// and no other span names go right after, DETAILS_PER_STEP ids a transaction, each in its own
// turn and with the writer lock (deleteUnusedSpanDetails.ts): on PostgreSQL each id is looked for
// in two indexes of every span partition, ~0.7 s for a step's 10,000 unnamed ids at 14 daily
// partitions (docs/benchmarks.md §87), too long for ingest to wait in one piece. Should the
// process stop between the two, the rows left unnamed are swept at the next start
// (sweepUnusedSpanDetails.ts); a batch that names one meanwhile keeps it (the delete looks again).
// Should a slice fail (the database gone between the two), the step throws an UnfinishedStepError
// that carries what its committed transaction deleted, for the caller to count; the rows left
// unnamed are the sweep's, which a failed retention round sends over the table again.
import type { Db } from "./client";
import { collectNamedDetails, deleteUnusedSpanDetails, RETURNING_NAMED_DETAILS, type NamedDetails } from "./deleteUnusedSpanDetails";
import { hasTracesToDelete } from "./hasRetentionWork";
import { toNumber } from "./sql";
import type { WriterTurn } from "./sweepUnusedSpanDetails";
import { UnfinishedStepError } from "./UnfinishedStepError";
import { takeWriteLock } from "./writeLock";

export type DeletedTraces = { traces: number; spans: number };

/** Traces looked at per step: enough for many small ones, few enough to stay one quick query. */
const TRACES_PER_STEP = 500;

/** span_detail ids a transaction deletes from: ~70 ms under the writer lock at 14 partitions when none is named (§87). */
export const DETAILS_PER_STEP = 1000;

/**
 * The traces' step (in `turn`), then the span_detail rows it left unnamed, each slice in its own
 * turn (deleteUnusedSpanDetailSlices). A slice that fails throws an UnfinishedStepError with the
 * step's committed counts.
 */
export async function deleteOldestTraces(
  db: Db,
  options: { beforeUs: number | null; maxSpans: number },
  turn: WriterTurn = (work) => work(),
): Promise<DeletedTraces> {
  const { prisma, dialect } = db;
  if (!(await hasTracesToDelete(prisma, dialect, options.beforeUs))) return { traces: 0, spans: 0 };
  const { deleted, named } = await turn(() => deleteTraces(db, options));
  try {
    await deleteUnusedSpanDetailSlices(db, named, turn);
  } catch (error) {
    throw new UnfinishedStepError(deleted, error);
  }
  return deleted;
}

/**
 * Deletes the span_detail rows among `ids` that no span names, DETAILS_PER_STEP ids a transaction,
 * each under the writer lock and in its own `turn`, so a batch commit waits for one slice at most.
 */
export async function deleteUnusedSpanDetailSlices(db: Db, ids: Iterable<number>, turn: WriterTurn): Promise<void> {
  const { prisma, dialect } = db;
  const all = [...ids];
  for (let at = 0; at < all.length; at += DETAILS_PER_STEP)
    await turn(() =>
      prisma.$transaction(
        async (tx) => {
          await takeWriteLock(tx, dialect);
          await deleteUnusedSpanDetails(tx, dialect, all.slice(at, at + DETAILS_PER_STEP));
        },
        { maxWait: 60_000, timeout: 120_000 },
      ),
    );
}

type TracesStep = { deleted: DeletedTraces; named: Set<number> };

async function deleteTraces(db: Db, options: { beforeUs: number | null; maxSpans: number }): Promise<TracesStep> {
  const { prisma, dialect } = db;
  const p = (n: number) => (dialect === "sqlite" ? "?" : `$${n}`);
  return prisma.$transaction(
    async (tx) => {
      await takeWriteLock(tx, dialect);
      const candidates = await tx.$queryRawUnsafe<{ trace_id: string; span_count: number | bigint }[]>(
        `SELECT "trace_id", "span_count" FROM "trace" ${options.beforeUs === null ? "" : `WHERE "updated_us" < ${p(1)} `}` +
          `ORDER BY "updated_us", "trace_id" LIMIT ${TRACES_PER_STEP}`,
        ...(options.beforeUs === null ? [] : [BigInt(Math.floor(options.beforeUs))]),
      );
      const whole: string[] = [];
      let spans = 0;
      for (const c of candidates) {
        const count = toNumber(c.span_count);
        if (whole.length > 0 && spans + count > options.maxSpans) break;
        if (count > options.maxSpans) {
          // The oldest trace alone is bigger than a step: part of it now, the rest in the next steps.
          const named = await tx.$queryRawUnsafe<NamedDetails>(
            `DELETE FROM "span" WHERE "trace_id" = ${p(1)} AND "span_id" IN (SELECT "span_id" FROM "span" WHERE "trace_id" = ${p(2)} LIMIT ${Math.floor(options.maxSpans)}) ` +
              RETURNING_NAMED_DETAILS,
            c.trace_id,
            c.trace_id,
          );
          const deleted = named.length;
          await tx.$executeRawUnsafe(
            `UPDATE "trace" SET "span_count" = "span_count" - ${p(1)} WHERE "trace_id" = ${p(2)}`,
            deleted,
            c.trace_id,
          );
          return { deleted: { traces: 0, spans: deleted }, named: collectNamedDetails(named) };
        }
        whole.push(c.trace_id);
        spans += count;
      }
      if (whole.length === 0) return { deleted: { traces: 0, spans: 0 }, named: new Set<number>() };
      const ids = JSON.stringify(whole);
      const inIds = dialect === "sqlite" ? `IN (SELECT value FROM json_each(?))` : `IN (SELECT jsonb_array_elements_text($1::jsonb))`;
      const named = await tx.$queryRawUnsafe<NamedDetails>(`DELETE FROM "span" WHERE "trace_id" ${inIds} ${RETURNING_NAMED_DETAILS}`, ids);
      const deletedSpans = named.length;
      // What compare keeps per trace (migration 0007) goes with it.
      await tx.$executeRawUnsafe(`DELETE FROM "trace_aggregate" WHERE "trace_id" ${inIds}`, ids);
      await tx.$executeRawUnsafe(`DELETE FROM "trace_identifier" WHERE "trace_id" ${inIds}`, ids);
      const deletedTraces = await tx.$executeRawUnsafe(`DELETE FROM "trace" WHERE "trace_id" ${inIds}`, ids);
      return { deleted: { traces: deletedTraces, spans: deletedSpans }, named: collectNamedDetails(named) };
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}
