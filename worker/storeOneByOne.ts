// A batch that keeps failing while the database is up may hold one message the database
// rejects (a value no validation foresaw). Redelivering it forever would poison the queue, so
// after repeated failures the batch is stored one notification at a time: the ones the database
// rejects are quarantined with its reason and the rest land. When every single one fails, the
// database itself is the problem and the caller goes on requeueing with backoff.
import { sumBatchResults } from "../lib/ingest/sumBatchResults";
import type { BatchResult, IngestBatch, QuarantineRow } from "../lib/ingest/types";
import type { Notification } from "../lib/notification/types";

export type IsolatedEntry = { notification: Notification; quarantine(reason: string): QuarantineRow };

export async function storeOneByOne(
  storeBatch: (batch: IngestBatch) => Promise<BatchResult>,
  entries: readonly IsolatedEntry[],
  quarantined: readonly QuarantineRow[],
): Promise<{ result: BatchResult; rejected: QuarantineRow[] } | null> {
  const results: BatchResult[] = [];
  const rejected: QuarantineRow[] = [];
  for (const entry of entries) {
    try {
      results.push(await storeBatch({ notifications: [entry.notification], quarantined: [] }));
    } catch (error) {
      rejected.push(entry.quarantine(`the database rejected it: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`));
    }
  }
  if (entries.length > 0 && rejected.length === entries.length) return null;
  results.push(await storeBatch({ notifications: [], quarantined: [...quarantined, ...rejected] }));
  return { result: sumBatchResults(results), rejected };
}
