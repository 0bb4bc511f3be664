import type { Db } from "./client";

/**
 * Spans stored, from the trace rows' span_count (kept by every batch and by retention), not by
 * counting the span table: that is a full scan of its largest table (a million-span trace's
 * rows, payload rests included) on every health check, and each page it touches is read in.
 */
export async function countStoredSpans(db: Db): Promise<number> {
  const { _sum } = await db.prisma.trace.aggregate({ _sum: { spanCount: true } });
  return _sum.spanCount ?? 0;
}
