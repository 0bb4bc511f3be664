// What retention measures: the database's size and the spans it holds. SQLite: the pages in use
// (page_count minus the free list, times page_size), which drops as rows are deleted; the file
// itself keeps its size until a VACUUM. PostgreSQL: pg_database_size, which does not drop after
// a DELETE (autovacuum makes the space reusable), hence the budget rule in
// lib/ingest/createSizeBudget.ts. Spans: the sum of the trace rows' counts, not a scan of spans.
import type { Db } from "./client";
import { toNumber } from "./sql";

export type DatabaseSize = { sizeBytes: number; spans: number };

export async function measureDatabaseSize(db: Db): Promise<DatabaseSize> {
  const { prisma, dialect } = db;
  const spansRow = await prisma.$queryRawUnsafe<{ spans: number | bigint | string | null }[]>(
    `SELECT SUM("span_count") AS "spans" FROM "trace"`,
  );
  const spans = Number(spansRow[0]?.spans ?? 0);
  if (dialect === "sqlite") {
    const [pages] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT page_count AS n FROM pragma_page_count()`);
    const [free] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT freelist_count AS n FROM pragma_freelist_count()`);
    const [size] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT page_size AS n FROM pragma_page_size()`);
    return { sizeBytes: (toNumber(pages!.n) - toNumber(free!.n)) * toNumber(size!.n), spans };
  }
  const [row] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT pg_database_size(current_database()) AS n`);
  return { sizeBytes: toNumber(row!.n), spans };
}
