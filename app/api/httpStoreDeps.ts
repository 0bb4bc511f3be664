// What HTTP ingest (POST /api/ingest) and the import (POST /api/traces/import) store through and
// hold their input to, alike: the shared database with the per-trace caps, the check that tells
// an outage (503) from a notification the database refuses, the input limits and the redaction
// the collector applies, and the web process's counters. Built from the configuration on first
// use, not at import, so `next build` reads none.
import type { Config } from "@/lib/config";
import { checkDatabaseWritable } from "@/lib/db/checkDatabaseWritable";
import { getSharedDb } from "@/lib/db/shared";
import { storeBatch } from "@/lib/db/storeBatch";
import { getHttpIngestCounters } from "@/lib/ingest/counters";
import type { IngestBatch } from "@/lib/ingest/types";

export function httpStoreDeps(config: Config) {
  return {
    storeBatch: async (batch: IngestBatch) => storeBatch(await getSharedDb(), batch, undefined, config.limits),
    checkWritable: async () => checkDatabaseWritable(await getSharedDb()),
    maxNotificationBytes: config.maxNotificationBytes,
    maxJsonDepth: config.maxJsonDepth,
    maxJsonItems: config.maxJsonItems,
    maxStringChars: config.maxStringChars,
    redaction: config.redaction,
    counters: getHttpIngestCounters(),
  };
}
