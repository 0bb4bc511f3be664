// The trace list: one indexed query on the per-trace summary (table `trace`), never on spans.
// Pages are keyset-paginated on (sort key, trace_id) descending, the order of the indexes
// added in migration 0002, so the first page and every next page read about `limit` rows
// when the filters are common, and never more than the matching rows.
import { canonicalOpenstackId } from "../span/extractOpenstackIds";
import { decodeTraceListCursor, encodeTraceListCursor } from "../trace/traceListCursor";
import { readTraceListSortKey, type TraceListPage, type TraceListQuery, type TraceListSort } from "../trace/traceList";
import type { Db } from "./client";
import { convertRawToTraceListItem, TRACE_LIST_ITEM_SELECT, type RawTraceListItem } from "./traceListItemColumns";

/** The column each sort walks, with an index on (column, trace_id) (migrations 0002 and 0010). */
const SORT_COLUMNS: Record<TraceListSort, string> = { newest: "start_us", slowest: "duration_us", answered: "answered_us" };

export async function listTraces(db: Db, query: TraceListQuery): Promise<TraceListPage> {
  const { sql, args } = buildTraceListSql(db.dialect, query);
  const rows = await db.prisma.$queryRawUnsafe<RawTraceListItem[]>(sql, ...args);
  const more = rows.length > query.limit;
  const traces = (more ? rows.slice(0, query.limit) : rows).map(convertRawToTraceListItem);
  const last = traces[traces.length - 1];
  const nextCursor =
    more && last ? encodeTraceListCursor({ sort: query.sort, key: readTraceListSortKey(last, query.sort), traceId: last.traceId }) : null;
  return { traces, nextCursor };
}

/** The statement and its parameters; exported for EXPLAIN in tests and benchmarks. */
export function buildTraceListSql(dialect: Db["dialect"], query: TraceListQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const arg = (value: unknown) => {
    args.push(value);
    return dialect === "sqlite" ? "?" : `$${args.length}`;
  };
  /** Whether the text of `expression` (a quoted column or an expression) contains `value`. */
  const contains = (expression: string, value: string) => `${dialect === "sqlite" ? "instr" : "strpos"}(${expression}, ${arg(value)}) > 0`;

  const where: string[] = [];
  if (query.traceId !== undefined) {
    if (query.traceId.length === 36) where.push(`"trace_id" = ${arg(query.traceId)}`);
    // A prefix of hex digits and dashes: a range on the primary key in SQLite (binary order);
    // in PostgreSQL a LIKE prefix, which the text_pattern_ops index answers under any collation.
    else if (dialect === "sqlite") where.push(`"trace_id" >= ${arg(query.traceId)} AND "trace_id" < ${arg(`${query.traceId}~`)}`);
    else where.push(`"trace_id" LIKE ${arg(`${query.traceId}%`)}`);
  }
  // Sets are stored "|a|b|", so "|a|" finds exactly one member.
  if (query.service !== undefined) where.push(contains('"services"', `|${query.service}|`));
  if (query.project !== undefined) where.push(contains('"projects"', `|${query.project}|`));
  if (query.host !== undefined) where.push(contains('"hosts"', `|${query.host}|`));
  if (query.from !== undefined) where.push(`"start_us" >= ${arg(query.from)}`);
  if (query.to !== undefined) where.push(`"start_us" <= ${arg(query.to)}`);
  if (query.minMs !== undefined) where.push(`"duration_us" >= ${arg(Math.ceil(query.minMs * 1000))}`);
  if (query.maxMs !== undefined) where.push(`"duration_us" <= ${arg(Math.floor(query.maxMs * 1000))}`);
  if (query.error) where.push(`"error_count" > 0`);
  if (query.signature !== undefined) where.push(`"signature" = ${arg(query.signature)}`);
  if (query.q !== undefined) {
    // A substring test, not LIKE '%q%': no wildcards to escape, cheaper per row, and the
    // planners keep walking the sort index (stopping at `limit` matches) instead of sorting.
    // Case folding is Unicode-wide on PostgreSQL, ASCII only in SQLite's lower().
    const q = query.q.toLowerCase();
    // An OpenStack id (req-..., an instance, port, volume or project UUID) also finds the traces
    // that mention it anywhere (table trace_identifier, kept at ingest).
    // SQLite's "?" are positional: the parameters are taken in the order they appear.
    const request = contains(`lower(coalesce("root_method", '') || ' ' || coalesce("root_path", ''))`, q);
    const name = contains(`lower(coalesce("root_name", ''))`, q);
    const id = canonicalOpenstackId(query.q);
    const mentions = id === null ? "" : ` OR "trace_id" IN (SELECT "trace_id" FROM "trace_identifier" WHERE "identifier" = ${arg(id)})`;
    where.push(`(${request} OR ${name}${mentions})`);
  }
  const key = SORT_COLUMNS[query.sort];
  // Not answered yet (or stored before migration 0010): no place among the slowest answers.
  if (query.sort === "answered") where.push(`"answered_us" IS NOT NULL`);
  if (query.cursor !== undefined) {
    const cursor = decodeTraceListCursor(query.cursor);
    if (cursor === null || cursor.sort !== query.sort) throw new Error("listTraces: cursor not validated by parseTraceListQuery");
    where.push(`("${key}", "trace_id") < (${arg(cursor.key)}, ${arg(cursor.traceId)})`);
  }
  const sql =
    `SELECT ${TRACE_LIST_ITEM_SELECT} FROM "trace"` +
    (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
    ` ORDER BY "${key}" DESC, "trace_id" DESC LIMIT ${query.limit + 1}`;
  return { sql, args };
}
