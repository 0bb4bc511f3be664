import type { DeletedTraces } from "./deleteOldestTraces";

/**
 * A retention step that failed after its deletes committed: the span_detail slices after a traces
 * step (deleteOldestTraces.ts). `deleted` is what the step took for good, which the caller counts
 * as it would the step's result (the step returns nothing); `cause` is the failure. The unnamed
 * span_detail rows the failed part left are the sweep's.
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
