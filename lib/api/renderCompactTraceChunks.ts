// GET /api/traces/{id}?chunks=1: the compact trace as newline-delimited JSON, for the trace page.
// For a big trace the first line comes before the whole trace is read: its earliest spans as a
// trace of their own (CompactTracePreview), the first screen of rows in well under a second
// where reading and building a million-span trace takes many. Then the whole trace in chunks of
// its pre-order (CompactTraceChunk), each turned into text only when the client has taken the
// one before (the stream's pull), so the server never holds the whole answer as one string.
import type { Db } from "../db/client";
import { readEarliestTraceSpans } from "../db/readEarliestTraceSpans";
import { readTraceListItem } from "../db/readTraceListItem";
import { readTraceSpans } from "../db/readTraceSpans";
import { buildTrace, COMPACT_TRACE_VERSION, convertTraceToCompact } from "../trace";
import type { CompactTraceChunk, CompactTracePreview } from "../trace/compactTrace";
import { keepConnectedSpans } from "../trace/keepConnectedSpans";
import { splitTraceIntoChunks, type ChunkSizes } from "../trace/splitTraceIntoChunks";

/** Names the chunked form and its version inside the ETag (not the same bytes as the plain JSON). */
export const COMPACT_CHUNKS_ETAG_VARIANT = `compact-chunks${COMPACT_TRACE_VERSION}`;

/**
 * The first chunk: a screen of rows and then some (the timeline shows ~40). The rest: big enough
 * that a line's overhead is nothing, small enough that parsing one (~4 MB of JSON) leaves the
 * page's main thread free between them.
 */
export const COMPACT_CHUNK_SIZES: ChunkSizes = { first: 2000, rest: 50_000 };

/** From this many spans on (the summary row's count), a preview line comes first. */
export const PREVIEW_MIN_SPANS = 20_000;
/** Spans in the preview: the first screens of the tree's top. */
const PREVIEW_SPANS = 2000;

export async function renderCompactTraceChunks(db: Db, traceId: string, sizes = COMPACT_CHUNK_SIZES): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const line = (value: CompactTraceChunk | CompactTracePreview) => encoder.encode(`${JSON.stringify(value)}\n`);
  let chunks: Generator<CompactTraceChunk> | null = null;
  let previewed = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!previewed) {
          previewed = true;
          const size = (await readTraceListItem(db, traceId))?.spanCount ?? 0;
          if (size >= PREVIEW_MIN_SPANS) {
            const top = buildTrace(keepConnectedSpans(await readEarliestTraceSpans(db, traceId, PREVIEW_SPANS), traceId), traceId);
            if (top.size > 0)
              return controller.enqueue(line({ v: COMPACT_TRACE_VERSION, traceId, size, preview: convertTraceToCompact(top) }));
          }
        }
        chunks ??= splitTraceIntoChunks(buildTrace(await readTraceSpans(db, traceId), traceId), sizes);
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(line(next.value));
      },
      cancel() {
        chunks?.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
