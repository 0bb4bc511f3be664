// POST /api/traces/import: an OSprofiler report file, stored through the collector's path
// (see lib/api/handleImportRequest.ts).
import { getApiLogger } from "@/lib/api/apiLogger";
import { handleImportRequest } from "@/lib/api/handleImportRequest";
import { answerSafely } from "@/lib/api/respond";
import { loadConfig } from "@/lib/config";
import { checkDatabaseWritable } from "@/lib/db/checkDatabaseWritable";
import { answerGuarded } from "@/lib/api/answerGuarded";
import { getSharedDb } from "@/lib/db/shared";
import { storeBatch } from "@/lib/db/storeBatch";
import { getHttpIngestCounters } from "@/lib/ingest/counters";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const log = getApiLogger();
  // Access is checked here, not in proxy.ts: see lib/api/answerGuarded.ts.
  return answerGuarded(request, () =>
    answerSafely(request, log, () => {
      const config = loadConfig();
      return handleImportRequest(request, {
        storeBatch: async (batch) => storeBatch(await getSharedDb(), batch, undefined, config.limits),
        checkWritable: async () => checkDatabaseWritable(await getSharedDb()),
        maxNotificationBytes: config.maxNotificationBytes,
        maxJsonDepth: config.maxJsonDepth,
        maxJsonItems: config.maxJsonItems,
        maxStringChars: config.maxStringChars,
        redaction: config.redaction,
        // Transactions as big as the collector's.
        batchSize: config.batchSize,
        counters: getHttpIngestCounters(),
        log: log.child("import"),
      });
    }),
  );
}
