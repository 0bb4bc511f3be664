import type { CompactTrace } from "./compactTrace";
import { COMPACT_TRACE_VERSION } from "./compactTrace";
import { encodeClippedTexts } from "./compactClippedTexts";
import type { Trace } from "./types";

export function convertTraceToCompact(trace: Trace): CompactTrace {
  const n = trace.size;
  const t0 = trace.startedUs;
  const kinds: CompactTrace["kinds"] = [];
  const kindIndex = new Map<string, number>();
  const kind = new Array<number>(n);
  const start = new Array<number>(n),
    duration = new Array<number>(n);
  const errors: CompactTrace["errors"] = [];
  for (let i = 0; i < n; i++) {
    const tuple: [number, number, number, number] = [trace.name[i]!, trace.service[i]!, trace.project[i]!, trace.host[i]!];
    const key = tuple.join(",");
    let k = kindIndex.get(key);
    if (k === undefined) {
      k = kinds.length;
      kinds.push(tuple);
      kindIndex.set(key, k);
    }
    kind[i] = k;
    start[i] = trace.startUs[i]! - t0;
    duration[i] = trace.stopUs[i]! - trace.startUs[i]!;
    if (trace.errorType[i]! >= 0) errors.push([i, trace.errorType[i]!, trace.errorMessage[i]!]);
  }
  const clipped = encodeClippedTexts(trace.strings, trace.clippedTexts);
  return {
    v: COMPACT_TRACE_VERSION,
    traceId: trace.traceId,
    t0,
    strings: trace.strings,
    kinds,
    ids: trace.spanId,
    parent: Array.from(trace.parent),
    kind,
    start,
    duration,
    detail: Array.from(trace.detail),
    flags: Array.from(trace.flags),
    errors,
    receivedParents: [...trace.receivedParentId],
    ...(clipped && { clipped }),
  };
}
