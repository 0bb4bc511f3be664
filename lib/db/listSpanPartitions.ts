// PostgreSQL's daily span partitions (migration 0008): "span_pYYYYMMDD" holds the spans of the
// traces first stored on that UTC day ("stored_us" in [fromUs, toUs)). The default partition,
// "span_default", takes what no daily partition covers and is not listed.
import type { SqlRunner } from "./sql";

export const DAY_US = 86_400_000_000;

export type SpanPartition = { name: string; fromUs: number; toUs: number };

/** The daily partition holding `us`. */
export function spanPartitionAt(us: number): SpanPartition {
  const fromUs = Math.floor(us / DAY_US) * DAY_US;
  const day = new Date(fromUs / 1000).toISOString().slice(0, 10).replaceAll("-", "");
  return { name: `span_p${day}`, fromUs, toUs: fromUs + DAY_US };
}

/** The daily partitions attached to "span", oldest first. */
export async function listSpanPartitions(sql: SqlRunner): Promise<SpanPartition[]> {
  const rows = await sql.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c."relname" AS "name" FROM "pg_inherits" AS i JOIN "pg_class" AS c ON c."oid" = i."inhrelid" ` +
      `WHERE i."inhparent" = '"span"'::regclass AND c."relname" ~ '^span_p[0-9]{8}$'`,
  );
  return rows
    .map((r) => spanPartitionAt(Date.UTC(+r.name.slice(6, 10), +r.name.slice(10, 12) - 1, +r.name.slice(12, 14)) * 1000))
    .sort((a, b) => a.fromUs - b.fromUs);
}
