// The database the web server reads traces from: a PostgreSQL replica when
// OSTRACE_READ_DATABASE_URL names one, so reading big traces takes no CPU or I/O from the
// primary that the collectors write; otherwise the shared handle. A replica is read-only and
// follows the primary's schema, so it is never migrated from here. What must see the latest
// writes (HTTP ingest and import, the collectors' status, /metrics, health) stays on the primary.
import { loadConfig } from "../config";
import { openDb, type Db } from "./client";
import { getSharedDb } from "./shared";

const holder = globalThis as typeof globalThis & { __ostraceReadDb?: Promise<Db> };

export function getReadDb(): Promise<Db> {
  const url = loadConfig().readDatabaseUrl;
  if (url === null) return getSharedDb();
  holder.__ostraceReadDb ??= openDb(url).catch((error: unknown) => {
    holder.__ostraceReadDb = undefined;
    throw error;
  });
  return holder.__ostraceReadDb;
}
