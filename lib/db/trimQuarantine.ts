// One retention step on the quarantine (OSTRACE_QUARANTINE_MAX_DAYS, OSTRACE_QUARANTINE_MAX_MB):
// deletes up to `maxRows` of the oldest quarantined messages that are older than `beforeUs`, or
// that push the kept bodies past `maxBytes`, oldest first, under the writer lock, taken only
// when a look without it finds something to delete (hasRetentionWork.ts).
import type { Db } from "./client";
import { hasQuarantineToTrim, quarantineBodyBytes } from "./hasRetentionWork";
import { toNumber } from "./sql";
import { takeWriteLock } from "./writeLock";

export async function trimQuarantine(
  db: Db,
  options: { beforeUs: number | null; maxBytes: number | null; maxRows: number },
): Promise<number> {
  const { prisma, dialect } = db;
  const p = (n: number) => (dialect === "sqlite" ? "?" : `$${n}`);
  const length = quarantineBodyBytes(dialect);
  if (!(await hasQuarantineToTrim(prisma, dialect, options))) return 0;
  return prisma.$transaction(
    async (tx) => {
      await takeWriteLock(tx, dialect);
      let deleted = 0;
      if (options.beforeUs !== null) {
        deleted += await tx.$executeRawUnsafe(
          `DELETE FROM "quarantined_message" WHERE "id" IN (SELECT "id" FROM "quarantined_message" WHERE "received_us" < ${p(1)} ORDER BY "id" LIMIT ${options.maxRows})`,
          BigInt(Math.floor(options.beforeUs)),
        );
      }
      if (options.maxBytes !== null && deleted < options.maxRows) {
        const [row] = await tx.$queryRawUnsafe<{ n: number | bigint | string | null }[]>(
          `SELECT SUM(${length}) AS n FROM "quarantined_message"`,
        );
        let excess = Number(row?.n ?? 0) - options.maxBytes;
        if (excess > 0) {
          const oldest = await tx.$queryRawUnsafe<{ id: number; bytes: number | bigint }[]>(
            `SELECT "id", ${length} AS "bytes" FROM "quarantined_message" ORDER BY "id" LIMIT ${options.maxRows - deleted}`,
          );
          const ids: number[] = [];
          for (const r of oldest) {
            if (excess <= 0) break;
            ids.push(r.id);
            excess -= toNumber(r.bytes);
          }
          if (ids.length > 0)
            deleted += await tx.$executeRawUnsafe(`DELETE FROM "quarantined_message" WHERE "id" IN (${ids.map(Number).join(", ")})`);
        }
      }
      return deleted;
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}
