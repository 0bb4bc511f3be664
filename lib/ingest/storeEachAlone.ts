// When a batch fails while the database answers, something in the batch is what failed: a value
// the database refuses, or one that no validation foresaw. Each notification is then stored in a
// transaction of its own, so the one at fault is named and the others land. When every single
// one fails, the database itself is the problem after all (the caller answers 503 / requeues).
// The HTTP ingest and the import use this; worker/storeOneByOne.ts does the same for the collector.
import type { Notification } from "../notification/types";
import type { BatchResult, IngestBatch } from "./types";

export type AloneResult = BatchResult | { error: string };

/** One result per notification, same order; null when every one failed. */
export async function storeEachAlone(
  storeBatch: (batch: IngestBatch) => Promise<BatchResult>,
  notifications: readonly Notification[],
): Promise<AloneResult[] | null> {
  const results: AloneResult[] = [];
  let failed = 0;
  for (const notification of notifications) {
    try {
      results.push(await storeBatch({ notifications: [notification], quarantined: [] }));
    } catch (error) {
      failed++;
      results.push({ error: `could not be stored: ${firstLine(error)}` });
    }
  }
  return notifications.length > 0 && failed === notifications.length ? null : results;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.slice(0, 500);
}
