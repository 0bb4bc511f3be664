import type { CollectorStatusRow } from "../ingest/types";
import type { Db } from "./client";

/** Every collector's heartbeat row, newest first. */
export async function readCollectorStatuses(db: Db): Promise<CollectorStatusRow[]> {
  const rows = await db.prisma.collectorStatus.findMany({ orderBy: { updatedUs: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    connected: r.connected,
    ready: r.ready,
    startedUs: Number(r.startedUs),
    updatedUs: Number(r.updatedUs),
    counters: r.counters,
    lastError: r.lastError,
  }));
}
