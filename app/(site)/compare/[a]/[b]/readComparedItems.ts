// The two compared traces' list rows, read once per request: the layout checks they exist, the
// page's title and heading name their request (React's cache() shares the read between them).
import { cache } from "react";
import { getApiLogger } from "@/lib/api/apiLogger";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "@/lib/api/readUnlessDatabaseDown";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { getReadDb } from "@/lib/db/readDb";
import type { TraceListItem } from "@/lib/trace/traceList";

/** Both rows; null when an id is malformed or a trace is not stored; DATABASE_DOWN when the database does not answer. */
export const readComparedItems = cache(
  async (a: string, b: string): Promise<[TraceListItem, TraceListItem] | null | typeof DATABASE_DOWN> => {
    const aId = parseIdParam(a, "traceId"),
      bId = parseIdParam(b, "traceId");
    if (typeof aId !== "string" || typeof bId !== "string") return null;
    return readUnlessDatabaseDown(
      async () => {
        // The read database, as the compact traces the page fetches come from it.
        const db = await getReadDb();
        const [aItem, bItem] = await Promise.all([readTraceListItem(db, aId), readTraceListItem(db, bId)]);
        return aItem && bItem ? ([aItem, bItem] as [TraceListItem, TraceListItem]) : null;
      },
      getApiLogger(),
      `/compare/${aId}/${bId}`,
    );
  },
);
