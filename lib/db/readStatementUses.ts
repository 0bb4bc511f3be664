// One normalized statement across traces, from the per-trace sums (index trace_aggregate
// (kind, key_hash)) joined with the traces' start and signature: never a span. The chart and
// the per-request figures read the statement's latest LATEST traces; the slowest come from all.
import type { StatementUse } from "../trace/summarizeStatementUsage";
import type { Db } from "./client";
import { toNumber } from "./sql";

const LATEST = 10_000;
const SLOWEST = 15;

export type StatementUses = {
  /** The normalized statement (null when no stored trace ran it). */
  statement: string | null;
  /** Traces that ran it, all of them. */
  traces: number;
  /** Its latest traces, at most LATEST. */
  latest: StatementUse[];
  /** Longest single call first. */
  slowest: StatementUse[];
};

type Big = number | bigint | string;
type Raw = { trace_id: string; start_us: Big; signature: string | null; count: Big; total_us: Big; max_us: Big; key: string };

export async function readStatementUses(db: Db, keyHash: string): Promise<StatementUses> {
  const { prisma, dialect } = db;
  const p = dialect === "sqlite" ? "?" : "$1";
  const base =
    `SELECT a."trace_id", t."start_us", t."signature", a."count", a."total_us", a."max_us", a."key" FROM "trace_aggregate" AS a ` +
    `JOIN "trace" AS t ON t."trace_id" = a."trace_id" WHERE a."kind" = 'sql' AND a."key_hash" = ${p}`;
  const num = (v: Big) => toNumber(typeof v === "string" ? BigInt(v) : v);
  const use = (r: Raw): StatementUse => ({
    traceId: r.trace_id,
    startUs: num(r.start_us),
    signature: r.signature,
    count: num(r.count),
    totalUs: num(r.total_us),
    maxUs: num(r.max_us),
  });
  const latest = await prisma.$queryRawUnsafe<Raw[]>(`${base} ORDER BY t."start_us" DESC LIMIT ${LATEST}`, keyHash);
  const slowest = await prisma.$queryRawUnsafe<Raw[]>(`${base} ORDER BY a."max_us" DESC, a."total_us" DESC LIMIT ${SLOWEST}`, keyHash);
  const [{ n }] = (await prisma.$queryRawUnsafe<{ n: Big }[]>(
    `SELECT count(*) AS n FROM "trace_aggregate" WHERE "kind" = 'sql' AND "key_hash" = ${p}`,
    keyHash,
  )) as [{ n: Big }];
  return { statement: latest[0]?.key ?? null, traces: num(n), latest: latest.map(use), slowest: slowest.map(use) };
}
