// Bytes that may be gzip -> the bytes they hold. Compressed when the client says so
// (Content-Encoding: gzip) or when they start with gzip's magic number (a .gz file uploaded as
// it is); anything else passes through unchanged. Decompression streams: nothing is held whole.
import { BodyError } from "./BodyError";

const GZIP_MAGIC = [0x1f, 0x8b];

export async function* gunzipIfCompressed(chunks: AsyncIterable<Uint8Array>, declared: boolean): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let finished = false;
  while (headBytes < GZIP_MAGIC.length) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const first = head.length === 1 ? head[0]! : concat(head);
  const compressed = declared || (first.byteLength >= 2 && first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1]);
  async function* whole(): AsyncGenerator<Uint8Array> {
    try {
      if (first.byteLength > 0) yield first;
      if (finished) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      if (!finished) await iterator.return?.(undefined);
    }
  }
  if (!compressed) {
    yield* whole();
    return;
  }
  const gunzip = new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
  const reader = toStream(whole()).pipeThrough(gunzip).getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError(400, `the file is not valid gzip (${(error as Error).message})`);
  } finally {
    // The consumer may stop early (a refused report): stop reading the upload too.
    await reader.cancel().catch(() => undefined);
  }
}

function toStream(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
