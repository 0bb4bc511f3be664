// A collector's retention over a test database, as worker/main.ts builds it, with its interval out
// of reach: a round runs when the test asks for one (`run.runRound()`), or the one it starts with.
import type { Db } from "@/lib/db/client";
import { loadConfig, type Config } from "@/lib/config";
import { createCollectorCounters } from "@/lib/ingest/counters";
import { createLogger, type Logger } from "@/lib/log";
import { createCollectorStore } from "@/worker/createCollectorStore";
import { createExclusive } from "@/worker/createExclusive";
import { createRetention } from "@/worker/createRetention";
import type { RetentionStore } from "@/worker/types";

const quietLog = createLogger("test", "error", () => undefined);

/** `limits` over the defaults; `store` (the collector's own by default) and `log` (quiet) to stand in for them. */
export function startTestRetention(db: Db, limits: Partial<Config["limits"]>, options: { store?: RetentionStore; log?: Logger } = {}) {
  const counters = createCollectorCounters();
  const stopping = new AbortController();
  const run = createRetention({
    store: options.store ?? createCollectorStore(db).retention!,
    limits: { ...loadConfig({}).limits, ...limits },
    counters,
    log: options.log ?? quietLog,
    exclusive: createExclusive(),
    intervalMs: 3_600_000,
    stopping: stopping.signal,
  });
  return {
    counters,
    run,
    stop: async () => {
      stopping.abort();
      await run.stop();
    },
  };
}
