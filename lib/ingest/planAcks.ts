// How a collector acknowledges a committed batch on one channel while keeping some of its
// deliveries (carried into the next batch, lib/ingest/splitByTraceLocks.ts) unacknowledged.
// A multiple ack settles every outstanding delivery up to its tag, carried ones included, so it
// can only reach up to just below the lowest kept tag. The committed deliveries above that are
// either held, unacknowledged, until a later batch's multiple ack passes them (the carried ones
// below them usually commit in the very next batch), or, when holding them would take more
// than `holdLimit` slots of the prefetch, acked one frame each: measured, a single ack costs
// RabbitMQ about as much CPU again as the rest of a delivery's settling (docs/deployment.md).
// Deliveries still pending in the batcher all have higher tags than the batch (batches are cut
// in arrival order and carried deliveries rejoin the front of the next one), so the multiple
// ack never reaches them. With nothing kept this is one frame for the whole batch.

export type AckPlan<T> = {
  /** Acked with allUpTo: everything of the channel up to and including it. */
  upTo: T | null;
  /** Acked one by one, in tag order. */
  each: T[];
  /** Committed but left unacknowledged: the caller offers them again with its next batch. */
  hold: T[];
};

/**
 * Plans the acks of `items` (one channel's committed deliveries of a batch and those held from
 * earlier batches, any order) that `keep` does not hold back for the next batch.
 */
export function planAcks<T>(items: readonly T[], tagOf: (item: T) => number, keep: (item: T) => boolean, holdLimit: number): AckPlan<T> {
  const sorted = [...items].sort((a, b) => tagOf(a) - tagOf(b));
  const firstKept = sorted.findIndex(keep);
  const below = firstKept === -1 ? sorted : sorted.slice(0, firstKept);
  const above = firstKept === -1 ? [] : sorted.slice(firstKept + 1).filter((item) => !keep(item));
  const upTo = below.length > 0 ? below[below.length - 1]! : null;
  return above.length <= holdLimit ? { upTo, each: [], hold: above } : { upTo, each: above, hold: [] };
}
