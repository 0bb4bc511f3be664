// Text chunks (or ones already UTF-8) -> a response body, pulled: the next chunk is made only when the client has read
// the last one (backpressure), and a client that goes away stops the producer.
import { createMemoryReclaimer } from "./reclaimMemory";

/** A big export's garbage is collected every this many bytes sent (lib/api/reclaimMemory.ts). */
const RECLAIM_EVERY_BYTES = 16 * 2 ** 20;

export function streamTextChunks(chunks: AsyncIterator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const reclaim = createMemoryReclaimer(RECLAIM_EVERY_BYTES);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { value, done } = await chunks.next();
          if (done) return controller.close();
          if (value.length === 0) continue;
          const bytes = typeof value === "string" ? encoder.encode(value) : value;
          controller.enqueue(bytes);
          reclaim(bytes.byteLength);
          return;
        }
      },
      async cancel() {
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
