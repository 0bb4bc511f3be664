// A request body as the pieces that arrive, never more than `maxBytes` of them: past that the
// reading stops (the client's upload is cancelled) with a BodyError 413 saying `tooLarge`.
import { BodyError } from "./BodyError";

export async function* readBodyChunks(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw new BodyError(400, "the request body could not be read (client aborted?)");
      }
      if (next.done) return;
      size += next.value.byteLength;
      if (size > maxBytes) throw new BodyError(413, tooLarge);
      yield next.value;
    }
  } finally {
    // Stops the upload when the consumer gave up (an error further down, a refused file).
    await reader.cancel().catch(() => undefined);
  }
}

/** Passes bytes through, but never more than `maxBytes` in all (a decompressed body). */
export async function* limitBytes(chunks: AsyncIterable<Uint8Array>, maxBytes: number, tooLarge: string): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new BodyError(413, tooLarge);
    yield chunk;
  }
}
