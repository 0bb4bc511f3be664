// Which notifications of a PostgreSQL batch are stored now, which wait for their trace's lock,
// and which are carried into the collector's next batch (lib/db/storeBatch.ts). A trace whose
// lock another writer holds is carried rather than waited for, unless one of its notifications
// may not be carried any more (it was carried too often: it must not starve), and then the
// whole trace waits. A trace's notifications of the batch always stay together, so each trace
// is still merged whole.

export type TraceLockSplit = {
  /** Their trace's lock is held by this transaction: stored at once. */
  now: number[];
  /** Their trace's lock is busy and may not be carried: stored after waiting for it. */
  wait: number[];
  /** Their trace's lock is busy: not stored in this batch, tried again in the next. */
  carry: number[];
};

/** Splits notification indexes by `traceIds[i]`; `free` holds the traces whose lock was taken, `carryable[i]` (false when absent) allows carrying. */
export function splitByTraceLocks(traceIds: readonly string[], free: ReadonlySet<string>, carryable: readonly boolean[]): TraceLockSplit {
  const mustWait = new Set<string>();
  traceIds.forEach((traceId, i) => {
    if (!free.has(traceId) && carryable[i] !== true) mustWait.add(traceId);
  });
  const split: TraceLockSplit = { now: [], wait: [], carry: [] };
  traceIds.forEach((traceId, i) => {
    if (free.has(traceId)) split.now.push(i);
    else if (mustWait.has(traceId)) split.wait.push(i);
    else split.carry.push(i);
  });
  return split;
}
