import type { TraceListItem } from "../trace/traceList";
import type { Db } from "./client";
import { convertRawToTraceListItem, TRACE_LIST_ITEM_SELECT, type RawTraceListItem } from "./traceListItemColumns";

/** The trace page's header, and whether the trace exists at all: one primary-key lookup. */
export async function readTraceListItem(db: Db, traceId: string): Promise<TraceListItem | null> {
  const rows = await db.prisma.$queryRawUnsafe<RawTraceListItem[]>(
    `SELECT ${TRACE_LIST_ITEM_SELECT} FROM "trace" WHERE "trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"}`,
    traceId,
  );
  return rows[0] ? convertRawToTraceListItem(rows[0]) : null;
}
