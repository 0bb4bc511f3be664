// `npm run migrate`: applies the project's SQL migrations (prisma/migrations/<provider>/) to
// DATABASE_URL and exits. `npm start` and both processes migrate by themselves at start; this
// is for an operator who wants it done first (e.g. the long rewrite of migration 0003 on a big
// database before starting several web servers and the collector), or checks what is pending.
import { describeDatabaseError } from "../lib/db/describeDatabaseError";
import { redactUrl } from "../lib/config";
import { openDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { createLogger } from "../lib/log";
import { loadConfigOrExit } from "./loadConfigOrExit";

const { databaseUrl, logLevel } = loadConfigOrExit("ostrace migrate");
const log = createLogger("migrate", logLevel);

try {
  const db = await openDb(databaseUrl, { mapFile: false });
  try {
    const applied = await migrate(db);
    log.info(applied.length > 0 ? "database migrated" : "database already current", { database: db.label, applied });
  } finally {
    await db.close();
  }
} catch (error) {
  // Prisma's message opens with the call that failed ("Invalid `prisma.$queryRawUnsafe()`
  // invocation"); its last line is the reason (database "x" does not exist, can't reach ...).
  log.error("migration failed", { database: redactUrl(databaseUrl), error: describeDatabaseError(error) });
  process.exit(1);
}
