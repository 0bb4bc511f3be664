// A batch that keeps failing while the database takes writes may hold one message the database
// refuses (a value no validation foresaw). Redelivering it forever would poison the queue, so
// the batch is then stored one notification at a time, and the ones the database refuses are
// quarantined with its reason while the rest land.
//
// A database error must never pass for a bad message: the database may go down, or come back,
// in the middle of the pass. So a notification is quarantined only when it failed alone twice,
// with the database found writable after each failure (the second try covers a database that
// came back between the failure and the check). When the database is found unwritable the pass
// stops with null and nothing is quarantined: the caller requeues the batch, and what the pass
// stored meanwhile is recognised as duplicate when it comes back.
import { sumBatchResults } from "../lib/ingest/sumBatchResults";
import type { BatchResult, QuarantineRow } from "../lib/ingest/types";
import type { Notification } from "../lib/notification/types";
import type { CollectorStore } from "./types";

export type IsolatedEntry = { notification: Notification; quarantine(reason: string): QuarantineRow };

export async function storeOneByOne(
  store: Pick<CollectorStore, "storeBatch" | "checkWritable">,
  entries: readonly IsolatedEntry[],
  quarantined: readonly QuarantineRow[],
): Promise<{ result: BatchResult; rejected: QuarantineRow[] } | null> {
  const results: BatchResult[] = [];
  const rejected: QuarantineRow[] = [];
  const writable = () => store.checkWritable().then(() => true, () => false);
  const storeAlone = (entry: IsolatedEntry) =>
    store.storeBatch({ notifications: [entry.notification], quarantined: [] }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
  for (const entry of entries) {
    let attempt = await storeAlone(entry);
    if ("error" in attempt) {
      if (!(await writable())) return null;
      attempt = await storeAlone(entry);
    }
    if ("error" in attempt) {
      if (!(await writable())) return null;
      rejected.push(entry.quarantine(`the database rejected it: ${describeRefusal(attempt.error)}`));
    } else {
      results.push(attempt.result);
    }
  }
  results.push(await store.storeBatch({ notifications: [], quarantined: [...quarantined, ...rejected] }));
  return { result: sumBatchResults(results), rejected };
}

/** Prisma's messages start with a blank line and the call site; the database's own words come last. */
function describeRefusal(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((line) => line.trim());
  return lines.filter(Boolean).at(-1) ?? "(no message)";
}
