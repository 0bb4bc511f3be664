// POST /api/ingest: HTTP ingest for senders without a broker (see lib/ingest/handleIngestRequest.ts).
import { loadConfig } from "@/lib/config";
import { getSharedDb } from "@/lib/db/shared";
import { storeBatch } from "@/lib/db/storeBatch";
import { getHttpIngestCounters } from "@/lib/ingest/counters";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { handleIngestRequest, type IngestDeps } from "@/lib/ingest/handleIngestRequest";
import { createLogger } from "@/lib/log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let deps: IngestDeps | undefined;

export async function POST(request: Request): Promise<Response> {
  try {
    deps ??= createDeps();
  } catch (error) {
    // A bad environment is the server's fault: say which, without a stack trace.
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
  return handleIngestRequest(request, deps);
}

/** Built on first use, not at import, so `next build` reads no configuration. */
function createDeps(): IngestDeps {
  const config = loadConfig();
  const log = createLogger("web.ingest", config.logLevel);
  return {
    storeBatch: async (batch) => storeBatch(await getSharedDb(), batch),
    maxNotificationBytes: config.maxNotificationBytes,
    quarantineMaxBytes: config.quarantineMaxBytes,
    counters: getHttpIngestCounters(),
    log,
    quarantineLog: createQuarantineLog(log),
  };
}
