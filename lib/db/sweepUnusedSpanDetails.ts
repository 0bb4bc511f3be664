// Retention deletes the span_detail rows its own deletes leave unnamed (deleteUnusedSpanDetails.ts),
// but rows left unnamed before it did (before migration 0013, or by spans deleted some other way)
// stay. This sweep walks span_detail by id, a bounded slice per step, so a big table is covered
// over many retention rounds, never in one statement that would hold the writer lock long.
// A step first looks, without the lock, which rows of its slice no span names (two index probes a
// row: span_detail_id_idx, span_message_id_idx); most slices have none, and then it takes no lock
// at all. The look is a read that decides nothing (the delete looks again), so it runs outside
// the collector's turns too (`turn`: batch commits need not wait ~0.1 s a step for it). The unnamed ones are deleted under the writer lock held exclusively, by
// deleteUnusedSpanDetails, which looks again: a batch that named one of them meanwhile keeps it,
// and one that looked its id up and has not committed yet holds the lock shared, so the delete
// waits for it (the same order as retention's deletes, deleteUnusedSpanDetails.ts).
import type { Db } from "./client";
import { deleteUnusedSpanDetails } from "./deleteUnusedSpanDetails";
import { toNumber } from "./sql";
import { takeWriteLock } from "./writeLock";

export type SweptSpanDetails = {
  /** Rows looked at (ids after `afterId`, at most `maxRows`); fewer than `maxRows`: the table's end was reached. */
  scanned: number;
  deleted: number;
  /** The last id looked at: the next step's `afterId` (`afterId` when nothing was left). */
  lastId: number;
};

// SQLite runs each NOT EXISTS as an index search per row (span_detail_id_idx, span_message_id_idx:
// EXPLAIN QUERY PLAN). PostgreSQL planned the same statement as a hashed subplan over a sequential
// scan of every span partition (EXPLAIN ANALYZE, 9,000 spans): a whole span table read per step.
// A LATERAL subquery with LIMIT 1 is a nested loop of index probes per row instead (as readTraceSpans.ts).
const sqliteSlice = (limit: number) =>
  `SELECT d."id" AS "id", ` +
  `(NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."detail_id" = d."id") ` +
  `AND NOT EXISTS (SELECT 1 FROM "span" AS s WHERE s."message_id" = d."id")) AS "unused" ` +
  `FROM "span_detail" AS d WHERE d."id" > ? ORDER BY d."id" LIMIT ${limit}`;
const pgSlice = (limit: number) =>
  `SELECT d."id" AS "id", (a."x" IS NULL AND m."x" IS NULL) AS "unused" ` +
  `FROM (SELECT "id" FROM "span_detail" WHERE "id" > $1 ORDER BY "id" LIMIT ${limit}) AS d ` +
  `LEFT JOIN LATERAL (SELECT 1 AS "x" FROM "span" AS s WHERE s."detail_id" = d."id" LIMIT 1) AS a ON true ` +
  `LEFT JOIN LATERAL (SELECT 1 AS "x" FROM "span" AS s WHERE s."message_id" = d."id" LIMIT 1) AS m ON true ` +
  `ORDER BY d."id"`;

/** Runs `work` in its turn with the other writers of this process (the collector's createExclusive). */
export type WriterTurn = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * One step of the sweep: the span_detail rows after id `afterId`, at most `maxRows`, that no span
 * names are deleted; only the delete runs in `turn`.
 */
export async function sweepUnusedSpanDetails(
  db: Db,
  options: { afterId: number; maxRows: number },
  turn: WriterTurn = (work) => work(),
): Promise<SweptSpanDetails> {
  const { prisma, dialect } = db;
  const limit = Math.max(1, Math.floor(options.maxRows));
  const slice = await prisma.$queryRawUnsafe<{ id: number | bigint; unused: number | bigint | boolean }[]>(
    dialect === "sqlite" ? sqliteSlice(limit) : pgSlice(limit),
    Math.floor(options.afterId),
  );
  const unused = slice.filter((r) => r.unused === true || Number(r.unused) === 1).map((r) => toNumber(r.id));
  const lastId = slice.length === 0 ? options.afterId : toNumber(slice[slice.length - 1]!.id);
  if (unused.length === 0) return { scanned: slice.length, deleted: 0, lastId };
  const deleted = await turn(() =>
    prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, dialect);
        return deleteUnusedSpanDetails(tx, dialect, unused);
      },
      { maxWait: 60_000, timeout: 120_000 },
    ),
  );
  return { scanned: slice.length, deleted, lastId };
}
