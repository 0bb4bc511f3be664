// The server's side of the chunked compact form (see CompactTraceChunk): the trace's pre-order cut
// into pieces, each carrying only the string and kind table entries first needed there. A small
// first chunk reaches the browser early (the first screen of rows); the rest come in big ones,
// which cost less per span to send and to parse.
import { COMPACT_TRACE_VERSION, type CompactTraceChunk } from "./compactTrace";
import type { Trace } from "./types";

export type ChunkSizes = { first: number; rest: number };

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
  do {
    const to = Math.min(n, from + (from === 0 ? sizes.first : sizes.rest));
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
    };
    from = to;
  } while (from < n);
}
