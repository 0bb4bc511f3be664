// The collector's storage functions bound to one database (lib/db). Tests and benchmarks pass
// their own CollectorStore to runCollector when they need to see or break what it stores.
import { checkDatabaseWritable } from "../lib/db/checkDatabaseWritable";
import type { Db } from "../lib/db/client";
import { createSpanPartitions } from "../lib/db/createSpanPartitions";
import { deleteOldestTraces } from "../lib/db/deleteOldestTraces";
import { dropDetachedPartitions, dropSpanPartition } from "../lib/db/dropSpanPartition";
import { measureDatabaseSize } from "../lib/db/measureDatabaseSize";
import { storeBatchCarrying } from "../lib/db/storeBatch";
import { sweepUnusedSpanDetails } from "../lib/db/sweepUnusedSpanDetails";
import { trimQuarantine } from "../lib/db/trimQuarantine";
import { writeCollectorStatus } from "../lib/db/writeCollectorStatus";
import type { TraceCaps } from "../lib/ingest/createTraceCapGate";
import type { CollectorStore } from "./types";

export function createCollectorStore(db: Db, caps?: TraceCaps): CollectorStore {
  return {
    async storeBatch(batch, carryable = []) {
      const { result, carried } = await storeBatchCarrying(db, batch, carryable, undefined, caps);
      return { ...result, carried };
    },
    writeStatus: (status) => writeCollectorStatus(db, status),
    checkWritable: () => checkDatabaseWritable(db),
    retention: {
      measureSize: () => measureDatabaseSize(db),
      deleteOldestTraces: (options, turn) => deleteOldestTraces(db, options, turn),
      trimQuarantine: (options) => trimQuarantine(db, options),
      createSpanPartitions: () => createSpanPartitions(db),
      dropDetachedPartitions: (turn, stopping) => dropDetachedPartitions(db, turn, stopping),
      // The round's step 0 (dropDetachedPartitions) finished the leftovers: its drops need not list them again.
      dropSpanPartition: (options, turn, stopping) => dropSpanPartition(db, { ...options, leftovers: false, stopping }, turn),
      sweepUnusedSpanDetails: (options, turn) => sweepUnusedSpanDetails(db, options, turn),
    },
  };
}
