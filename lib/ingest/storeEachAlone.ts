// When a batch fails while the database takes writes, something in the batch may be what failed:
// a value the database refuses, or one that no validation foresaw. Each notification is then
// stored in a transaction of its own, so the one at fault is named and the others land. The
// collector (worker/storeOneByOne.ts), the HTTP ingest and the import all follow this one rule.
//
// A database error must never pass for a bad message: the database may go down, or come back,
// in the middle of the pass. So a notification is refused only when it failed alone twice, with
// the database found writable after each failure (the second try covers a database that came
// back between the failure and the check). When the database is found unwritable the pass
// stops with null and nothing is refused: the caller requeues the batch or answers 503, and what
// the pass stored meanwhile is recognised as duplicate when it comes again.
import type { Notification } from "../notification/types";
import type { SpanRow } from "../span/types";
import type { BatchResult, IngestBatch } from "./types";

export type IsolatingStore = {
  storeBatch(batch: IngestBatch): Promise<BatchResult>;
  /** Resolves when the database takes writes right now (lib/db/checkDatabaseWritable.ts), rejects otherwise. */
  checkWritable(): Promise<void>;
};

/**
 * Whether the database takes writes right now: checkWritable resolved. A rejection is the
 * answer "no", never an error; without a way to ask, the answer is "no" too.
 */
export function takesWrites(store: { checkWritable?(): Promise<void> }): Promise<boolean> {
  if (!store.checkWritable) return Promise.resolve(false);
  return store.checkWritable().then(
    () => true,
    () => false,
  );
}

/** What became of one notification stored alone: its result, or the database's words refusing it. */
export type AloneOutcome = { result: BatchResult } | { refusal: string };

/**
 * One outcome per notification, same order; null when the database was found not to take writes.
 * `halves[i]`, when given, is notification i's half as converted ahead (IngestBatch.halves).
 */
export async function storeEachAlone(
  store: IsolatingStore,
  notifications: readonly Notification[],
  halves?: readonly (SpanRow | undefined)[],
): Promise<AloneOutcome[] | null> {
  const outcomes: AloneOutcome[] = [];
  const storeAlone = (notification: Notification, half: SpanRow | undefined) =>
    store.storeBatch({ notifications: [notification], quarantined: [], ...(half ? { halves: [half] } : {}) }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
  for (let i = 0; i < notifications.length; i++) {
    const notification = notifications[i]!;
    let attempt = await storeAlone(notification, halves?.[i]);
    if ("error" in attempt) {
      if (!(await takesWrites(store))) return null;
      attempt = await storeAlone(notification, halves?.[i]);
    }
    if ("error" in attempt) {
      if (!(await takesWrites(store))) return null;
      outcomes.push({ refusal: describeRefusal(attempt.error) });
    } else {
      outcomes.push({ result: attempt.result });
    }
  }
  return outcomes;
}

/**
 * The database's own words: Prisma's messages start with a blank line and the call site, and
 * end with what the database said; other errors (a driver's) say it on their first line.
 */
function describeRefusal(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const words = /^Invalid `[^`]+` invocation/.test(lines[0] ?? "") ? lines.at(-1) : lines[0];
  return (words ?? "(no message)").slice(0, 500);
}
