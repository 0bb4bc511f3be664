// Per-key serialization among concurrent PostgreSQL writers (several collectors, the web's HTTP
// ingest): a batch reads a trace's summary and spans, merges in memory and writes them back, so
// two batches of one trace must not interleave, while batches of different traces should not
// wait for each other. Each key becomes a transaction-scoped advisory lock (held to commit).
//
// No deadlock: every transaction takes its locks in one global order, the writer lock (shared)
// first, then all its trace locks, then all its detail locks, each set in ascending key order
// in one statement. Trace locks tried without waiting (tryKeyLocks.ts, storeBatch.ts's first
// transaction) may go in any order: a try never waits, so it cannot close a cycle. The two-key
// form (space, hash) keeps the spaces apart from each other and from the one-key writer lock.
// The "detached" space (a detached span partition being finished, dropSpanPartition.ts) is only
// ever tried, in a transaction that takes no other lock.
// Two names with one 32-bit hash share a lock: harmless, they
// merely wait for each other.
import { createHash } from "node:crypto";
import type { SqlRunner } from "./sql";

export const SPACES = { trace: 1, detail: 2, detached: 3 } as const;

/** The 32-bit advisory lock key of a name. */
export function lockKeyOf(name: string): number {
  return createHash("sha1").update(name).digest().readInt32BE(0);
}

/** Takes the locks of `names` in `space`; returns how many distinct locks that was. */
export async function takeKeyLocks(sql: SqlRunner, space: keyof typeof SPACES, names: Iterable<string>): Promise<number> {
  const keys = new Set<number>();
  for (const name of names) keys.add(lockKeyOf(name));
  if (keys.size === 0) return 0;
  const sorted = [...keys].sort((a, b) => a - b);
  // A function scan yields the array in order and the aggregate evaluates each row as it comes,
  // so the locks are taken in exactly this order.
  await sql.$queryRawUnsafe(
    `SELECT count(pg_advisory_xact_lock(${SPACES[space]}, k::int))::int AS "n" FROM jsonb_array_elements_text($1::jsonb) AS e(k)`,
    JSON.stringify(sorted),
  );
  return sorted.length;
}
