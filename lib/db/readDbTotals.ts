import type { DbTotals } from "../api/renderMetrics";
import type { Db } from "./client";

export async function readDbTotals(db: Db): Promise<DbTotals> {
  const [spans, traces, quarantinedMessages] = await Promise.all([
    db.prisma.span.count(),
    db.prisma.trace.count(),
    db.prisma.quarantinedMessage.count(),
  ]);
  return { spans, traces, quarantinedMessages };
}
