// Everything a PostgreSQL database holds of the ingested traces, in a form two databases can be
// compared by: span rows with their detail text (not the detail's surrogate id), trace
// summaries and spans without their write times (updated_us, and stored_us, the partition key
// of migration 0008: both differ by design) and without identifier_count
// (ids planned into the lookup, counted again when two batches bring the same one: a budget that
// depends on batching, lib/ingest/planTraceIdentifiers.ts), the id lookup itself, and the detail
// texts' counts.
import type { Db } from "@/lib/db/client";

export type StoredDump = { spans: unknown[]; traces: unknown[]; identifiers: unknown[]; details: { n: number; distinct: number } };

export async function dumpStored(db: Db): Promise<StoredDump> {
  const spans = await db.prisma.$queryRawUnsafe<{ row: unknown }[]>(
    `SELECT (to_jsonb(s) - 'detail_id' - 'stored_us') || jsonb_build_object('detail', d."text") AS "row"
       FROM "span" AS s LEFT JOIN "span_detail" AS d ON d."id" = s."detail_id" ORDER BY s."trace_id", s."span_id"`,
  );
  const traces = await db.prisma.$queryRawUnsafe<{ row: unknown }[]>(
    `SELECT to_jsonb(t) - 'updated_us' - 'stored_us' - 'identifier_count' AS "row" FROM "trace" AS t ORDER BY "trace_id"`,
  );
  const details = await db.prisma.$queryRawUnsafe<{ n: number; distinct: number }[]>(
    `SELECT count(*)::int AS "n", count(DISTINCT "text")::int AS "distinct" FROM "span_detail"`,
  );
  const identifiers = await db.prisma.$queryRawUnsafe<{ identifier: string; trace_id: string }[]>(
    `SELECT "identifier", "trace_id" FROM "trace_identifier" ORDER BY "trace_id", "identifier"`,
  );
  return { spans: spans.map((r) => r.row), traces: traces.map((r) => r.row), identifiers, details: details[0]! };
}
