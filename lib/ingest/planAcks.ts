// How a collector acknowledges a committed batch on one channel while keeping some of its
// deliveries (carried into the next batch, lib/ingest/splitByTraceLocks.ts) unacknowledged.
// A multiple ack settles every outstanding delivery up to its tag, carried ones included, so it
// can only reach up to just below the lowest kept tag; the acked deliveries above that go one
// frame each. Deliveries still pending in the batcher all have higher tags than the batch
// (batches are cut in arrival order and carried deliveries rejoin the front of the next one),
// so the multiple ack never reaches them. With nothing kept this is today's single frame.

export type AckPlan<T> = {
  /** Acked with allUpTo: everything of the channel up to and including it. */
  upTo: T | null;
  /** Acked one by one, in tag order. */
  each: T[];
};

/** Plans the acks of `items` (one channel's deliveries of a batch, any order) that `keep` does not hold back. */
export function planAcks<T>(items: readonly T[], tagOf: (item: T) => number, keep: (item: T) => boolean): AckPlan<T> {
  const sorted = [...items].sort((a, b) => tagOf(a) - tagOf(b));
  const firstKept = sorted.findIndex(keep);
  const below = firstKept === -1 ? sorted : sorted.slice(0, firstKept);
  const above = firstKept === -1 ? [] : sorted.slice(firstKept + 1).filter((item) => !keep(item));
  return { upTo: below.length > 0 ? below[below.length - 1]! : null, each: above };
}
