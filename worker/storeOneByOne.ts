// A batch that keeps failing while the database takes writes may hold one message the database
// refuses (a value no validation foresaw). Redelivering it forever would poison the queue, so
// the batch is then stored one notification at a time by the rule the HTTP ingest and the
// import share (lib/ingest/storeEachAlone.ts), and the ones the database refuses are
// quarantined with its reason, together with the batch's own quarantined messages, while the
// rest land. Null when the database stopped taking writes: the caller requeues the batch.
import { storeEachAlone, type IsolatingStore } from "../lib/ingest/storeEachAlone";
import { sumBatchResults } from "../lib/ingest/sumBatchResults";
import type { BatchResult, QuarantineRow } from "../lib/ingest/types";
import type { Notification } from "../lib/notification/types";
import type { SpanRow } from "../lib/span/types";

/** `half`: the notification's half as converted on arrival; the collector's notifications no longer hold their payload (decodeOnArrival.ts). */
export type IsolatedEntry = { notification: Notification; half?: SpanRow | undefined; quarantine(reason: string): QuarantineRow };

export async function storeOneByOne(
  store: IsolatingStore,
  entries: readonly IsolatedEntry[],
  quarantined: readonly QuarantineRow[],
): Promise<{ result: BatchResult; rejected: QuarantineRow[] } | null> {
  const outcomes = await storeEachAlone(
    store,
    entries.map((entry) => entry.notification),
    entries.map((entry) => entry.half),
  );
  if (outcomes === null) return null;
  const results: BatchResult[] = [];
  const rejected: QuarantineRow[] = [];
  outcomes.forEach((outcome, i) => {
    if ("refusal" in outcome) rejected.push(entries[i]!.quarantine(`the database rejected it: ${outcome.refusal}`));
    else results.push(outcome.result);
  });
  results.push(await store.storeBatch({ notifications: [], quarantined: [...quarantined, ...rejected] }));
  return { result: sumBatchResults(results), rejected };
}
