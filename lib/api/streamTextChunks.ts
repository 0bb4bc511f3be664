// Text chunks -> a response body, pulled: the next chunk is made only when the client has read
// the last one (backpressure), and a client that goes away stops the producer.
export function streamTextChunks(chunks: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { value, done } = await chunks.next();
          if (done) return controller.close();
          if (value.length === 0) continue;
          controller.enqueue(encoder.encode(value));
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
