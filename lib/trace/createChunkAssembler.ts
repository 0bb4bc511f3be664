// The browser's side of the chunked compact form: chunks -> the trace model, built as they arrive
// into columns allocated once for the whole trace (typed arrays: no per-span objects, no whole
// JSON document held), so the model of a million spans costs what its columns cost. The spans
// received so far can be drawn at any time (a pre-order prefix is a tree of its own), and the
// finished model is the one convertCompactToTrace gives for the same trace.
import { COMPACT_TRACE_VERSION, type CompactTraceChunk } from "./compactTrace";
import { createSpanIndexBuilder } from "./findSpanIndex";
import { layoutTrace, type TraceColumns } from "./layoutTrace";
import { decodeClippedTexts } from "./compactClippedTexts";
import type { ClippedText, Trace } from "./types";

export type ChunkAssembler = {
  /** Takes the next chunk; throws an Error saying what is wrong when it does not follow the ones before. */
  add(chunk: CompactTraceChunk): void;
  /** Spans received so far, and in the whole trace (-1 before the first chunk). */
  readonly received: number;
  readonly size: number;
  /** The spans received so far as a trace of their own (a copy: the assembler goes on). */
  preview(): Trace;
  /** The whole trace, once every span arrived. */
  finish(): Trace;
};

export function createChunkAssembler(): ChunkAssembler {
  let columns: TraceColumns | null = null;
  // The lookup by id filled as the chunks arrive, so the first use of the whole trace does not pay it.
  let spanIndex: ReturnType<typeof createSpanIndexBuilder> | null = null;
  let kinds: [number, number, number, number][] = [];
  const clippedTexts = new Map<string, ClippedText>();
  let t0 = 0;
  let received = 0;
  let finished = false;

  const add = (chunk: CompactTraceChunk) => {
    if (chunk?.v !== COMPACT_TRACE_VERSION)
      throw new Error(`not a compact trace chunk of version ${COMPACT_TRACE_VERSION} (got v=${JSON.stringify(chunk?.v)})`);
    if (finished) throw new Error("compact trace chunks: a chunk after the trace was finished");
    if (!columns) {
      const n = chunk.size;
      t0 = chunk.t0;
      columns = {
        traceId: chunk.traceId,
        size: n,
        strings: [],
        spanId: new Array<string>(n),
        parent: new Int32Array(n),
        name: new Int32Array(n),
        service: new Int32Array(n),
        project: new Int32Array(n),
        host: new Int32Array(n),
        detail: new Int32Array(n),
        errorType: new Int32Array(n).fill(-1),
        errorMessage: new Int32Array(n).fill(-1),
        flags: new Uint8Array(n),
        receivedParentId: new Map(),
        startUs: new Float64Array(n),
        stopUs: new Float64Array(n),
      };
      spanIndex = createSpanIndexBuilder(columns.spanId, n);
    }
    const c = columns;
    if (chunk.traceId !== c.traceId || chunk.size !== c.size || chunk.t0 !== t0)
      throw new Error(
        `compact trace chunks: chunk of trace ${chunk.traceId} (${chunk.size} spans) among those of ${c.traceId} (${c.size})`,
      );
    if (chunk.from !== received) throw new Error(`compact trace chunks: expected position ${received}, got ${chunk.from}`);
    const count = chunk.ids.length;
    if (received + count > c.size) throw new Error(`compact trace chunks: more than the ${c.size} spans announced`);
    for (const column of ["parent", "kind", "start", "duration", "detail", "flags"] as const) {
      if (chunk[column]?.length !== count)
        throw new Error(`compact trace chunk at ${chunk.from}: column ${column} has ${chunk[column]?.length} entries, expected ${count}`);
    }
    for (const s of chunk.strings) c.strings.push(s);
    decodeClippedTexts(chunk.clipped, c.strings, clippedTexts);
    kinds = kinds.concat(chunk.kinds);
    for (let j = 0; j < count; j++) {
      const i = received + j;
      const tuple = kinds[chunk.kind[j]!];
      if (!tuple) throw new Error(`compact trace chunk: span ${i} has unknown kind ${chunk.kind[j]}`);
      c.spanId[i] = chunk.ids[j]!;
      c.parent[i] = chunk.parent[j]!;
      [c.name[i], c.service[i], c.project[i], c.host[i]] = tuple;
      c.detail[i] = chunk.detail[j]!;
      c.flags[i] = chunk.flags[j]!;
      c.startUs[i] = t0 + chunk.start[j]!;
      c.stopUs[i] = c.startUs[i]! + chunk.duration[j]!;
    }
    for (const [i, type, message] of chunk.errors) {
      c.errorType[i] = type;
      c.errorMessage[i] = message;
    }
    for (const [i, id] of chunk.receivedParents) c.receivedParentId.set(i, id);
    spanIndex!.add(received, received + count);
    received += count;
  };

  return {
    add,
    get received() {
      return received;
    },
    get size() {
      return columns?.size ?? -1;
    },
    preview() {
      if (!columns) throw new Error("compact trace chunks: nothing received yet");
      const c = columns,
        n = received;
      return layoutTrace({
        traceId: c.traceId,
        size: n,
        strings: c.strings.slice(),
        spanId: c.spanId.slice(0, n),
        parent: c.parent.slice(0, n),
        name: c.name.slice(0, n),
        service: c.service.slice(0, n),
        project: c.project.slice(0, n),
        host: c.host.slice(0, n),
        detail: c.detail.slice(0, n),
        errorType: c.errorType.slice(0, n),
        errorMessage: c.errorMessage.slice(0, n),
        flags: c.flags.slice(0, n),
        receivedParentId: new Map([...c.receivedParentId].filter(([i]) => i < n)),
        startUs: c.startUs.slice(0, n),
        stopUs: c.stopUs.slice(0, n),
        ...(clippedTexts.size > 0 && { clippedTexts: new Map(clippedTexts) }),
      });
    },
    finish() {
      if (!columns) throw new Error("compact trace chunks: nothing received");
      if (received !== columns.size) throw new Error(`compact trace chunks: ${received} of ${columns.size} spans received`);
      finished = true;
      return layoutTrace(clippedTexts.size > 0 ? { ...columns, clippedTexts } : columns);
    },
  };
}
