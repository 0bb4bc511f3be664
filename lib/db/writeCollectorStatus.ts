import type { CollectorStatusRow } from "../ingest/types";
import type { Db } from "./client";

/** The worker's heartbeat: one row per queue, replaced each time. No writer lock: a single-row upsert. */
export async function writeCollectorStatus(db: Db, status: CollectorStatusRow): Promise<void> {
  const p = [1, 2, 3, 4, 5, 6, 7].map((i) => (db.dialect === "sqlite" ? "?" : `$${i}`));
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "collector_status" ("id", "connected", "ready", "started_us", "updated_us", "counters", "last_error") VALUES (${p.join(", ")})
     ON CONFLICT ("id") DO UPDATE SET "connected" = excluded."connected", "ready" = excluded."ready", "started_us" = excluded."started_us",
       "updated_us" = excluded."updated_us", "counters" = excluded."counters", "last_error" = excluded."last_error"`,
    status.id,
    status.connected,
    status.ready,
    status.startedUs,
    status.updatedUs,
    status.counters,
    status.lastError,
  );
}
