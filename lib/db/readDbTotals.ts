import type { Db } from "./client";
import { countStoredSpans } from "./countStoredSpans";

/** Rows in the database, for /metrics. */
export type DbTotals = { spans: number; traces: number; quarantinedMessages: number };

/**
 * Spans from the trace rows (countStoredSpans), not a count of the span table: a scrape every
 * 15 s would otherwise scan the largest table each time (192-279 ms on a 1M-span database,
 * docs/benchmarks.md §17), and read its pages into the web server.
 */
export async function readDbTotals(db: Db): Promise<DbTotals> {
  const [spans, traces, quarantinedMessages] = await Promise.all([
    countStoredSpans(db),
    db.prisma.trace.count(),
    db.prisma.quarantinedMessage.count(),
  ]);
  return { spans, traces, quarantinedMessages };
}
