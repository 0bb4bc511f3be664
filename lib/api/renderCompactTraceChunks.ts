// GET /api/traces/{id}?chunks=1: the compact trace as newline-delimited JSON chunks of its
// pre-order (CompactTraceChunk), for the trace page, which assembles them as they arrive. Each
// chunk is turned into text only when the client has taken the one before (the stream's pull),
// so the server never holds the whole answer as one string (a 1M-span trace's compact JSON is
// ~70 MB of text). A big trace's first screen comes before, from ?preview=1.
import type { Db } from "../db/client";
import { readClippedTrace } from "./readClippedTrace";
import type { CompactTraceChunk } from "../trace/compactTrace";
import { splitTraceIntoChunks, type ChunkSizes } from "../trace/splitTraceIntoChunks";

/**
 * The first chunk: a screen of rows and then some (the timeline shows ~40). The rest: big enough
 * that a line's overhead is nothing, small enough that parsing one (~3.5 MB of JSON) leaves the
 * page's main thread free between them.
 */
const COMPACT_CHUNK_SIZES: ChunkSizes = { first: 2000, rest: 50_000 };

export async function renderCompactTraceChunks(db: Db, traceId: string, sizes = COMPACT_CHUNK_SIZES): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let chunks: Generator<CompactTraceChunk> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= splitTraceIntoChunks(await readClippedTrace(db, traceId), sizes);
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      },
      cancel() {
        chunks?.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
