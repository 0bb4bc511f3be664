import type { StoredAggregateKeys } from "../ingest/planTraceAggregates";
import type { Dialect } from "./client";
import { selectJsonRows, type SqlRunner } from "./sql";
import { directSql } from "./directSql";

/** The aggregate keys stored for `traceIds` (at most ~2 x MAX_KEYS_PER_KIND per trace), for the ingest plan. */
export async function readAggregateKeys(sql: SqlRunner, dialect: Dialect, traceIds: readonly string[]): Promise<StoredAggregateKeys> {
  const found = new Map<string, Set<string>>();
  if (traceIds.length === 0) return found;
  const ids = selectJsonRows(dialect, [{ name: "t", type: "text" }]);
  const rows = await directSql(sql).$queryRawUnsafe<{ trace_id: string; kind: string; key_hash: string }[]>(
    `WITH "ids" AS (${ids}) SELECT a."trace_id", a."kind", a."key_hash" FROM "ids" JOIN "trace_aggregate" AS a ON a."trace_id" = "ids"."t"`,
    JSON.stringify(traceIds.map((id) => [id])),
  );
  for (const r of rows) {
    let set = found.get(r.trace_id);
    if (!set) found.set(r.trace_id, (set = new Set()));
    set.add(`${r.kind}\t${r.key_hash}`);
  }
  return found;
}
