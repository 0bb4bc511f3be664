// A trace and the recent traces of its request signature, as their per-trace sums: what
// compareWithTypical needs, read without touching a span. The baseline is the last `n` traces
// of the signature that started before this one and whose sums are complete (every span
// counted: not stored before migration 0007); index trace (signature, start_us).
import { parseTraceSet } from "../ingest/traceSet";
import type { ComparedTrace, TraceAggregate } from "../trace/compareWithTypical";
import type { Db } from "./client";
import { selectJsonRows, toNumber } from "./sql";

type Big = number | bigint | string;
type RawTrace = {
  trace_id: string;
  start_us: Big;
  duration_us: Big;
  answered_us: Big | null;
  error_count: Big;
  services: string;
  signature: string | null;
  span_count: Big;
  aggregated_spans: Big;
};

export type ComparedTraces = {
  trace: ComparedTrace;
  signature: string | null;
  /** Whether every span of the trace is in its sums (false for traces stored before migration 0007). */
  complete: boolean;
  baseline: ComparedTrace[];
};

const num = (v: Big) => toNumber(typeof v === "string" ? BigInt(v) : v);

export async function readComparedTraces(db: Db, traceId: string, n: number): Promise<ComparedTraces | null> {
  const { prisma, dialect } = db;
  const p = (i: number) => (dialect === "sqlite" ? "?" : `$${i}`);
  const columns = `"trace_id", "start_us", "duration_us", "answered_us", "error_count", "services", "signature", "span_count", "aggregated_spans"`;
  const [row] = await prisma.$queryRawUnsafe<RawTrace[]>(`SELECT ${columns} FROM "trace" WHERE "trace_id" = ${p(1)}`, traceId);
  if (!row) return null;
  const baselineRows =
    row.signature === null
      ? []
      : await prisma.$queryRawUnsafe<RawTrace[]>(
          `SELECT ${columns} FROM "trace" WHERE "signature" = ${p(1)} AND "start_us" < ${p(2)} AND "aggregated_spans" = "span_count" ` +
            `ORDER BY "start_us" DESC LIMIT ${Math.floor(n)}`,
          row.signature,
          num(row.start_us),
        );
  const ids = [row.trace_id, ...baselineRows.map((r) => r.trace_id)];
  const aggregates = await prisma.$queryRawUnsafe<
    { trace_id: string; kind: string; key: string; count: Big; total_us: Big; max_us: Big }[]
  >(
    `WITH "ids" AS (${selectJsonRows(dialect, [{ name: "t", type: "text" }])}) ` +
      `SELECT a."trace_id", a."kind", a."key", a."count", a."total_us", a."max_us" FROM "ids" JOIN "trace_aggregate" AS a ON a."trace_id" = "ids"."t"`,
    JSON.stringify(ids.map((id) => [id])),
  );
  const byTrace = new Map<string, TraceAggregate[]>(ids.map((id) => [id, []]));
  for (const a of aggregates) {
    if (a.kind !== "call" && a.kind !== "sql") continue;
    byTrace.get(a.trace_id)!.push({ kind: a.kind, key: a.key, count: num(a.count), totalUs: num(a.total_us), maxUs: num(a.max_us) });
  }
  const compared = (r: RawTrace): ComparedTrace => ({
    traceId: r.trace_id,
    durationUs: num(r.duration_us),
    answeredUs: r.answered_us === null ? null : num(r.answered_us),
    errorCount: num(r.error_count),
    services: parseTraceSet(r.services),
    aggregates: byTrace.get(r.trace_id)!,
  });
  return {
    trace: compared(row),
    signature: row.signature,
    complete: num(row.aggregated_spans) === num(row.span_count),
    baseline: baselineRows.map(compared),
  };
}
