import type { Db } from "./client";

/**
 * Whether the database answers a trivial query: tells an outage (503, retry later) from a write
 * that failed because of what it carried (the HTTP ingest and the import then isolate the culprit).
 */
export async function isDatabaseUp(db: Db): Promise<boolean> {
  try {
    await db.prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
