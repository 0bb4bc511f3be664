// Text chunks (or ones already UTF-8) -> a response body, pulled: the next chunk is made only when the client has read
// the last one (backpressure), and a client that goes away stops the producer.
export function streamTextChunks(chunks: AsyncIterator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { value, done } = await chunks.next();
          if (done) return controller.close();
          if (value.length === 0) continue;
          controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
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
