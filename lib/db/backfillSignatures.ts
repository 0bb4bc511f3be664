// Traces stored before migration 0007 get their request signature here: the folding rule
// (lib/span/requestSignature.ts) is code, not SQL. Runs at every start after the migrations;
// once done, it costs one indexed look at the rows without a signature that could have one.
import { requestSignature } from "../span/requestSignature";
import type { Db } from "./client";
import { takeWriteLock } from "./writeLock";
import { selectJsonRows } from "./sql";

const CHUNK = 2000;
/** Traces that could have a signature and have none. */
const UNSIGNED = `"signature" IS NULL AND "root_name" IS NOT NULL`;

/** Returns how many traces it gave a signature. */
export async function backfillSignatures(db: Db): Promise<number> {
  const { prisma, dialect } = db;
  // Looked at first without the writer lock, which waits for every batch in flight: once filled,
  // nothing unfills it (ingest gives every trace with a root its signature), so a start on a
  // filled database takes no lock.
  const unsigned = await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 AS "x" FROM "trace" WHERE ${UNSIGNED} LIMIT 1`);
  if (unsigned.length === 0) return 0;
  let done = 0;
  for (;;) {
    const updated = await prisma.$transaction(async (tx) => {
      await takeWriteLock(tx, dialect);
      const rows = await tx.$queryRawUnsafe<
        { trace_id: string; root_method: string | null; root_path: string | null; root_name: string | null }[]
      >(`SELECT "trace_id", "root_method", "root_path", "root_name" FROM "trace" WHERE ${UNSIGNED} LIMIT ${CHUNK}`);
      const signed = rows.map((r) => [r.trace_id, requestSignature(r.root_method, r.root_path, r.root_name)]);
      if (signed.length === 0) return 0;
      const values = selectJsonRows(dialect, [
        { name: "id", type: "text" },
        { name: "signature", type: "text" },
      ]);
      await tx.$executeRawUnsafe(
        `UPDATE "trace" SET "signature" = v."signature" FROM (${values}) AS v WHERE "trace"."trace_id" = v."id"`,
        JSON.stringify(signed),
      );
      return signed.length;
    });
    done += updated;
    if (updated < CHUNK) return done;
  }
}
