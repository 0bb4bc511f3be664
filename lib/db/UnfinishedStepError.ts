import type { DeletedTraces } from "./deleteOldestTraces";

/**
 * A retention step that failed after its deletes committed: the span_detail slices after a traces
 * step (deleteOldestTraces.ts), or the work after a partition's detach (dropSpanPartition.ts).
 * `deleted` is what the step took for good, which the caller counts as it would the step's result
 * (the step returns nothing); `cause` is the failure. What the failed part left is finished later:
 * unnamed span_detail rows by the sweep, a detached partition by the next round (dropDetachedPartitions).
 */
export class UnfinishedStepError extends Error {
  constructor(
    readonly deleted: DeletedTraces,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${why} (after the step's delete of ${deleted.traces} traces and ${deleted.spans} spans committed)`, { cause });
    this.name = "UnfinishedStepError";
  }
}
