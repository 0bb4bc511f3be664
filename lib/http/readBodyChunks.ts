// A request body as the pieces that arrive, never more than `maxBytes` of them: past that the
// reading stops (the client's upload is cut off) with a BodyError 413 saying `tooLarge`.
import { BodyError } from "./BodyError";

/**
 * When the consumer stops early (the report was refused in its first megabytes), the rest of
 * the upload, up to `maxBytes`, is still read and dropped before the answer goes out: a server
 * that answers and closes while the client is still sending makes most clients (browsers,
 * fetch, curl) report a reset connection instead of the answer.
 */
export async function* readBodyChunks(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  let finished = false;
  let refused = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        refused = true;
        throw new BodyError(400, "the request body could not be read (client aborted?)");
      }
      if (next.done) {
        finished = true;
        return;
      }
      size += next.value.byteLength;
      if (size > maxBytes) {
        refused = true;
        throw new BodyError(413, tooLarge);
      }
      yield next.value;
    }
  } finally {
    if (!finished && !refused) {
      try {
        for (let next = await reader.read(); ; next = await reader.read()) {
          if (next.done) {
            finished = true;
            break;
          }
          size += next.value.byteLength;
          if (size > maxBytes) break;
        }
      } catch {
        // the client went away: nothing left to read
      }
    }
    if (!finished) await reader.cancel().catch(() => undefined);
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
