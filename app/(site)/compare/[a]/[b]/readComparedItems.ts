// The two compared traces' list rows, read once per request: the layout checks they exist, the
// page's title and heading name their request (React's cache() shares the read between them).
import { cache } from "react";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { getSharedDb } from "@/lib/db/shared";
import type { TraceListItem } from "@/lib/trace/traceList";

/** Both rows, or null when an id is malformed or a trace is not stored. */
export const readComparedItems = cache(async (a: string, b: string): Promise<[TraceListItem, TraceListItem] | null> => {
  const aId = parseIdParam(a, "traceId"),
    bId = parseIdParam(b, "traceId");
  if (typeof aId !== "string" || typeof bId !== "string") return null;
  const db = await getSharedDb();
  const [aItem, bItem] = await Promise.all([readTraceListItem(db, aId), readTraceListItem(db, bId)]);
  return aItem && bItem ? [aItem, bItem] : null;
});
