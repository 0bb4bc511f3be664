import type { BatchResult } from "./types";

/** Adds up the results of batches stored separately (outcomes concatenated in order). */
export function sumBatchResults(results: readonly BatchResult[]): BatchResult {
  const total: BatchResult = {
    notificationsStored: 0,
    duplicates: 0,
    dropped: 0,
    spansCreated: 0,
    spansUpdated: 0,
    outcomes: [],
    quarantined: 0,
    tracesTouched: 0,
  };
  for (const r of results) {
    total.notificationsStored += r.notificationsStored;
    total.duplicates += r.duplicates;
    total.dropped += r.dropped;
    total.spansCreated += r.spansCreated;
    total.spansUpdated += r.spansUpdated;
    total.outcomes.push(...r.outcomes);
    total.quarantined += r.quarantined;
    total.tracesTouched += r.tracesTouched;
  }
  return total;
}
