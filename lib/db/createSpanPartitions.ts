// The collector creates the daily span partitions (migration 0008) ahead of time, at start and
// every retention round, so batches never write to the default partition unless no collector
// ran for days (the web's HTTP ingest alone). Should the default hold rows of a day whose
// partition comes later, they move into it: PostgreSQL refuses a new partition whose range
// rows in the default already use. Under the writer lock, exclusive: no batch writes meanwhile.
import type { Db } from "./client";
import { DAY_US, listSpanPartitions, spanPartitionAt } from "./listSpanPartitions";
import { takeWriteLock } from "./writeLock";

/** Days ahead of today that have their partition: a collector down for a weekend still writes to daily partitions. */
export const SPAN_PARTITION_DAYS_AHEAD = 3;

/** Creates the missing partitions from today's to SPAN_PARTITION_DAYS_AHEAD days ahead; returns their names. */
export async function createSpanPartitions(db: Db, nowUs = Date.now() * 1000): Promise<string[]> {
  if (db.dialect !== "postgresql") return [];
  const existing = new Set((await listSpanPartitions(db.prisma)).map((p) => p.name));
  const created: string[] = [];
  for (let day = 0; day <= SPAN_PARTITION_DAYS_AHEAD; day++) {
    const partition = spanPartitionAt(nowUs + day * DAY_US);
    if (existing.has(partition.name)) continue;
    await db.prisma.$transaction(
      async (tx) => {
        await takeWriteLock(tx, "postgresql");
        const range = `"stored_us" >= ${partition.fromUs} AND "stored_us" < ${partition.toUs}`;
        // Another collector may have just made it.
        await tx.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "${partition.name}" (LIKE "span" INCLUDING DEFAULTS)`);
        const attached = await tx.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS "n" FROM "pg_inherits" WHERE "inhrelid" = '"${partition.name}"'::regclass`,
        );
        if (attached[0]!.n > 0) return;
        await tx.$executeRawUnsafe(`INSERT INTO "${partition.name}" SELECT * FROM "span_default" WHERE ${range}`);
        await tx.$executeRawUnsafe(`DELETE FROM "span_default" WHERE ${range}`);
        await tx.$executeRawUnsafe(
          `ALTER TABLE "span" ATTACH PARTITION "${partition.name}" FOR VALUES FROM (${partition.fromUs}) TO (${partition.toUs})`,
        );
        created.push(partition.name);
      },
      { maxWait: 60_000, timeout: 600_000 },
    );
  }
  return created;
}
