// The non-waiting form of takeKeyLocks.ts: takes whichever of the keys' locks no other
// transaction holds, and says which names it got. It never waits, so it cannot deadlock
// whatever order it goes in, and a transaction may still take other locks after it in the
// global order (takeKeyLocks.ts) as long as it waits for none it took here.
import type { SqlRunner } from "./sql";
import { lockKeyOf, SPACES } from "./takeKeyLocks";

/** Tries the locks of `names` in `space`; returns the names whose lock this transaction now holds. */
export async function tryKeyLocks(sql: SqlRunner, space: keyof typeof SPACES, names: Iterable<string>): Promise<Set<string>> {
  const byKey = new Map<number, string[]>();
  for (const name of names) {
    const key = lockKeyOf(name);
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  const got = new Set<string>();
  if (byKey.size === 0) return got;
  const rows = await sql.$queryRawUnsafe<{ k: number }[]>(
    `SELECT k::int AS "k" FROM jsonb_array_elements_text($1::jsonb) AS e(k) WHERE pg_try_advisory_xact_lock(${SPACES[space]}, k::int)`,
    JSON.stringify([...byKey.keys()]),
  );
  for (const r of rows) for (const name of byKey.get(Number(r.k)) ?? []) got.add(name);
  return got;
}
