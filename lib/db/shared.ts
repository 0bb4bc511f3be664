// One database handle per process, opened and migrated on first use. Next.js dev reloads
// modules, so the handle lives on globalThis instead of in module scope.
import { loadConfig } from "../config";
import { openDb, type Db } from "./client";
import { migrate } from "./migrate";

const holder = globalThis as typeof globalThis & { __ostraceDb?: Promise<Db> };

export function getSharedDb(): Promise<Db> {
  holder.__ostraceDb ??= (async () => {
    const db = await openDb(loadConfig().databaseUrl);
    await migrate(db);
    return db;
  })().catch((error: unknown) => {
    holder.__ostraceDb = undefined;
    throw error;
  });
  return holder.__ostraceDb;
}
