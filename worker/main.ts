// `npm run worker`: the collector process. Reads the configuration, opens and migrates the
// database (retrying while it is unreachable), then runs the collector until SIGTERM/SIGINT,
// on which it commits and acknowledges the batch in hand and exits 0 (handleStopSignals.ts:
// a second signal does not cut that short, a third does).
import { ConfigError, loadConfig, type Config } from "../lib/config";
import { openDb, type Db } from "../lib/db/client";
import { describeDatabaseError } from "../lib/db/describeDatabaseError";
import { migrate } from "../lib/db/migrate";
import { createLogger, type Logger } from "../lib/log";
import { backoffDelay, DEFAULT_BACKOFF, sleep } from "./backoff";
import { createCollectorStore } from "./createCollectorStore";
import { handleStopSignals } from "./handleStopSignals";
import { runCollector } from "./runCollector";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`ostrace worker: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
const log = createLogger("worker", config.logLevel);

const shutdown = new AbortController();
handleStopSignals(process, log, { stop: () => shutdown.abort(), forceExit: () => process.exit(1) });

const db = await openDatabase(config, log);
if (!db) process.exit(0);

const collector = runCollector({ config, store: createCollectorStore(db, config.limits), log });
if (shutdown.signal.aborted) void collector.stop();
else shutdown.signal.addEventListener("abort", () => void collector.stop(), { once: true });

try {
  await collector.done;
  await db.close();
  process.exit(0);
} catch (error) {
  log.error("the collector failed", { error });
  process.exit(1);
}

/** The database may come up after us (PostgreSQL restarting): keep trying, one line per attempt. */
async function openDatabase(config: Config, log: Logger): Promise<Db | null> {
  for (let attempt = 1; !shutdown.signal.aborted; attempt++) {
    let db: Db | null = null;
    try {
      db = await openDb(config.databaseUrl, { mapFile: false });
      const applied = await migrate(db);
      log.info("database ready", { database: db.label, dialect: db.dialect, applied });
      return db;
    } catch (error) {
      await db?.close().catch(() => undefined);
      const retryInMs = backoffDelay(attempt, DEFAULT_BACKOFF);
      log.warn(`database unavailable; retrying in ${(retryInMs / 1000).toFixed(1)} s`, {
        attempt,
        // One line a retry: the driver's reason, not Prisma's multi-line preamble.
        error: describeDatabaseError(error),
      });
      await sleep(retryInMs, shutdown.signal);
    }
  }
  return null;
}
