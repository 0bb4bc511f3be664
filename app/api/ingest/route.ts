// POST /api/ingest: HTTP ingest for senders without a broker (see lib/api/handleIngestRequest.ts).
import { loadConfig } from "@/lib/config";
import { answerGuarded } from "@/lib/api/answerGuarded";
import { createQuarantineLog } from "@/lib/ingest/createQuarantineLog";
import { createRateLimiter } from "@/lib/ingest/createRateLimiter";
import { handleIngestRequest, type IngestDeps } from "@/lib/api/handleIngestRequest";
import { createLogger } from "@/lib/log";
import { httpStoreDeps } from "@/app/api/httpStoreDeps";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let deps: IngestDeps | undefined;

export async function POST(request: Request): Promise<Response> {
  // Access is checked here, not in proxy.ts: see lib/api/answerGuarded.ts.
  return answerGuarded(request, () => ingest(request));
}

async function ingest(request: Request): Promise<Response> {
  try {
    deps ??= createDeps();
  } catch (error) {
    // A bad environment is the server's fault: say which, without a stack trace.
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
  try {
    return await handleIngestRequest(request, deps);
  } catch (error) {
    // The handler answers every body itself; this is a bug of ours, still answered in JSON.
    deps.log.error("ingest request failed", { error });
    return Response.json({ error: "internal error" }, { status: 500 });
  }
}

/** Built on first use, not at import, so `next build` reads no configuration. */
function createDeps(): IngestDeps {
  const config = loadConfig();
  const log = createLogger("web.ingest", config.logLevel);
  return {
    ...httpStoreDeps(config),
    quarantineMaxBytes: config.quarantineMaxBytes,
    log,
    quarantineLog: createQuarantineLog(log),
    rateLimit: { limiter: createRateLimiter(config.limits.ratePerSecond), perSecond: config.limits.ratePerSecond },
  };
}
