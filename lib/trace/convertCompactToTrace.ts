// The browser's side of the wire form: rebuilds the same Trace the server built, without
// sorting or id lookups (the columns already are in pre-order with parent positions).
import { COMPACT_TRACE_VERSION, type CompactTrace } from "./compactTrace";
import { decodeClippedTexts } from "./compactClippedTexts";
import { layoutTrace } from "./layoutTrace";
import type { ClippedText, Trace } from "./types";

/** Throws an Error saying what is wrong when the input is not a compact trace of this version. */
export function convertCompactToTrace(compact: CompactTrace): Trace {
  if (compact?.v !== COMPACT_TRACE_VERSION)
    throw new Error(`not a compact trace of version ${COMPACT_TRACE_VERSION} (got v=${JSON.stringify(compact?.v)})`);
  const n = compact.ids.length;
  for (const column of ["parent", "kind", "start", "duration", "detail", "flags"] as const) {
    if (compact[column]?.length !== n)
      throw new Error(`compact trace: column ${column} has ${compact[column]?.length} entries, expected ${n}`);
  }
  const name = new Int32Array(n),
    service = new Int32Array(n),
    project = new Int32Array(n),
    host = new Int32Array(n);
  const startUs = new Float64Array(n),
    stopUs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const tuple = compact.kinds[compact.kind[i]!];
    if (!tuple) throw new Error(`compact trace: span ${i} has unknown kind ${compact.kind[i]}`);
    [name[i], service[i], project[i], host[i]] = tuple;
    startUs[i] = compact.t0 + compact.start[i]!;
    stopUs[i] = startUs[i]! + compact.duration[i]!;
  }
  const errorType = new Int32Array(n).fill(-1),
    errorMessage = new Int32Array(n).fill(-1);
  for (const [i, type, message] of compact.errors) {
    errorType[i] = type;
    errorMessage[i] = message;
  }
  const clippedTexts = new Map<string, ClippedText>();
  decodeClippedTexts(compact.clipped, compact.strings, clippedTexts);
  return layoutTrace({
    traceId: compact.traceId,
    size: n,
    strings: compact.strings,
    spanId: compact.ids,
    parent: Int32Array.from(compact.parent),
    name,
    service,
    project,
    host,
    detail: Int32Array.from(compact.detail),
    errorType,
    errorMessage,
    flags: Uint8Array.from(compact.flags),
    receivedParentId: new Map(compact.receivedParents),
    startUs,
    stopUs,
    ...(clippedTexts.size > 0 && { clippedTexts }),
  });
}
