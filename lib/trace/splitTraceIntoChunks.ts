// The server's side of the chunked compact form (see CompactTraceChunk): the trace's pre-order cut
// into pieces, each carrying only the string and kind table entries first needed there. A small
// first chunk reaches the browser early (the first screen of rows); the rest come in big ones,
// which cost less per span to send and to parse. A chunk is also cut where its new strings pass
// a budget of characters: a span's statement or exception may be 64K characters, and 50,000 such
// spans in one line would pass V8's longest string (~537M characters) on either side.
import { encodeClippedTexts } from "./compactClippedTexts";
import { COMPACT_TRACE_VERSION, type CompactTraceChunk } from "./compactTrace";
import type { Trace } from "./types";

/** Spans in the first chunk and in each one after; at most `maxStringChars` characters of new strings in one (a single span's may pass it). */
export type ChunkSizes = { first: number; rest: number; maxStringChars?: number };

/** ~8M characters: a line the browser parses in tens of milliseconds, with every span's texts at their longest. */
const MAX_CHUNK_STRING_CHARS = 8 * 1024 * 1024;

/** Lazily, so only one chunk is held at a time besides the trace. */
export function* splitTraceIntoChunks(trace: Trace, sizes: ChunkSizes): Generator<CompactTraceChunk> {
  if (!(sizes.first >= 1 && sizes.rest >= 1)) throw new Error(`chunk sizes must be at least 1 (got ${sizes.first}, ${sizes.rest})`);
  const n = trace.size;
  const t0 = trace.startedUs;
  const kindIndex = new Map<string, number>();
  let stringsSent = 0;
  const errorAt = [] as number[];
  for (let i = 0; i < n; i++) if (trace.errorType[i]! >= 0) errorAt.push(i);
  let nextError = 0;
  // Sorted by position: each chunk takes its own run of them.
  const received = [...trace.receivedParentId].sort((a, b) => a[0] - b[0]);
  let nextReceived = 0;
  let from = 0;
  const maxChars = sizes.maxStringChars ?? MAX_CHUNK_STRING_CHARS;
  do {
    const to = endOfChunk(trace, from, Math.min(n, from + (from === 0 ? sizes.first : sizes.rest)), stringsSent, maxChars);
    const count = to - from;
    const kinds: CompactTraceChunk["kinds"] = [];
    const kind = new Array<number>(count),
      start = new Array<number>(count),
      duration = new Array<number>(count),
      parent = new Array<number>(count),
      detail = new Array<number>(count),
      flags = new Array<number>(count);
    let maxString = stringsSent - 1;
    for (let i = from; i < to; i++) {
      const tuple: [number, number, number, number] = [trace.name[i]!, trace.service[i]!, trace.project[i]!, trace.host[i]!];
      const key = tuple.join(",");
      let k = kindIndex.get(key);
      if (k === undefined) {
        k = kindIndex.size;
        kinds.push(tuple);
        kindIndex.set(key, k);
        maxString = Math.max(maxString, ...tuple);
      }
      const j = i - from;
      kind[j] = k;
      start[j] = trace.startUs[i]! - t0;
      duration[j] = trace.stopUs[i]! - trace.startUs[i]!;
      parent[j] = trace.parent[i]!;
      detail[j] = trace.detail[i]!;
      flags[j] = trace.flags[i]!;
      if (detail[j]! > maxString) maxString = detail[j]!;
    }
    const errors: CompactTraceChunk["errors"] = [];
    for (; nextError < errorAt.length && errorAt[nextError]! < to; nextError++) {
      const i = errorAt[nextError]!;
      errors.push([i, trace.errorType[i]!, trace.errorMessage[i]!]);
      maxString = Math.max(maxString, trace.errorType[i]!, trace.errorMessage[i]!);
    }
    const receivedParents: CompactTraceChunk["receivedParents"] = [];
    for (; nextReceived < received.length && received[nextReceived]![0] < to; nextReceived++) receivedParents.push(received[nextReceived]!);
    const strings = trace.strings.slice(stringsSent, maxString + 1);
    const clipped = encodeClippedTexts(trace.strings, trace.clippedTexts, stringsSent, maxString + 1);
    stringsSent += strings.length;
    yield {
      v: COMPACT_TRACE_VERSION,
      traceId: trace.traceId,
      t0,
      size: n,
      from,
      strings,
      kinds,
      ids: trace.spanId.slice(from, to),
      parent,
      kind,
      start,
      duration,
      detail,
      flags,
      errors,
      receivedParents,
      ...(clipped && { clipped }),
    };
    from = to;
  } while (from < n);
}

/** Where the chunk starting at `from` ends: at `limit`, or before the span whose strings would take it past `maxChars`. */
function endOfChunk(trace: Trace, from: number, limit: number, stringsSent: number, maxChars: number): number {
  let maxString = stringsSent - 1;
  let chars = 0;
  for (let i = from; i < limit; i++) {
    const needed = Math.max(
      trace.name[i]!,
      trace.service[i]!,
      trace.project[i]!,
      trace.host[i]!,
      trace.detail[i]!,
      trace.errorType[i]!,
      trace.errorMessage[i]!,
    );
    if (needed <= maxString) continue;
    let added = 0;
    for (let k = maxString + 1; k <= needed; k++) added += trace.strings[k]!.length;
    if (i > from && chars + added > maxChars) return i;
    chars += added;
    maxString = needed;
  }
  return limit;
}
