import type { Db } from "./client";

/** Rows in the database, for /metrics. */
export type DbTotals = { spans: number; traces: number; quarantinedMessages: number };

export async function readDbTotals(db: Db): Promise<DbTotals> {
  const [spans, traces, quarantinedMessages] = await Promise.all([
    db.prisma.span.count(),
    db.prisma.trace.count(),
    db.prisma.quarantinedMessage.count(),
  ]);
  return { spans, traces, quarantinedMessages };
}
