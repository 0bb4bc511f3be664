// Spans of one trace by id, payloads included, in the order asked: a streamed export reads its
// next batch this way (one indexed lookup per id).
import { spanKey } from "../ingest/spanKey";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { Db } from "./client";
import { readSpanRowsByKey } from "./readSpanRowsByKey";

export async function readTraceSpansById(db: Db, traceId: string, spanIds: readonly string[]): Promise<Span[]> {
  const rows = await readSpanRowsByKey(
    db.prisma,
    db.dialect,
    spanIds.map((id) => [traceId, id]),
  );
  return spanIds.map((id) => {
    const row = rows.get(spanKey(traceId, id));
    // Deleted meanwhile (retention): the answer cannot be finished, so it fails rather than lie.
    if (!row) throw new Error(`span ${id} of trace ${traceId} is no longer stored`);
    return convertSpanRowToSpan(row, { payloads: true });
  });
}
