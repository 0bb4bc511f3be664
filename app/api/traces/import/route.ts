// POST /api/traces/import: an OSprofiler report file, stored through the collector's path
// (see lib/api/handleImportRequest.ts).
import { getApiLogger } from "@/lib/api/apiLogger";
import { handleImportRequest } from "@/lib/api/handleImportRequest";
import { answerSafely } from "@/lib/api/respond";
import { loadConfig } from "@/lib/config";
import { answerGuarded } from "@/lib/api/answerGuarded";
import { httpStoreDeps } from "@/app/api/httpStoreDeps";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const log = getApiLogger();
  // Access is checked here, not in proxy.ts: see lib/api/answerGuarded.ts.
  return answerGuarded(request, () =>
    answerSafely(request, log, () => {
      const config = loadConfig();
      return handleImportRequest(request, {
        ...httpStoreDeps(config),
        // Transactions as big as the collector's.
        batchSize: config.batchSize,
        log: log.child("import"),
      });
    }),
  );
}
