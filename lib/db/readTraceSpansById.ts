// Spans of one trace by id, payloads included, in the order asked: a streamed export reads its
// next batch this way (one indexed lookup per id). Each span is made (its payloads parsed) when
// it is asked for, so an export holds one span's parsed payloads at a time rather than a batch's
// while it prints them, which kept them alive long enough to be promoted to V8's old space.
import { spanKey } from "../ingest/spanKey";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { Span } from "../span/types";
import type { Db } from "./client";
import { readSpanRowsByKey } from "./readSpanRowsByKey";

/** What an export reads a batch as: an array does, and so does the lazy list below. */
type SpanList = { readonly length: number; at(index: number): Span | undefined };

export async function readTraceSpansById(db: Db, traceId: string, spanIds: readonly string[]): Promise<SpanList> {
  const rows = await readSpanRowsByKey(
    db.prisma,
    db.dialect,
    spanIds.map((id) => [traceId, id]),
  );
  const ordered = spanIds.map((id) => {
    const row = rows.get(spanKey(traceId, id));
    // Deleted meanwhile (retention): the answer cannot be finished, so it fails rather than lie.
    if (!row) throw new Error(`span ${id} of trace ${traceId} is no longer stored`);
    return row;
  });
  rows.clear();
  return {
    length: ordered.length,
    at: (index) => {
      const row = ordered.at(index);
      return row && convertSpanRowToSpan(row, { payloads: true });
    },
  };
}
