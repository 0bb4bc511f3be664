import { SpanFlag, type Trace, type TraceSpan } from "./types";

/** The parent id the span arrived with. */
export function readParentId(trace: Trace, index: number): string {
  const received = trace.receivedParentId.get(index);
  if (received !== undefined) return received;
  const p = trace.parent[index]!;
  return p < 0 ? trace.traceId : trace.spanId[p]!;
}

/** One span as an object: for the few spans on screen or in a panel, never for all of them. */
export function readSpan(trace: Trace, index: number): TraceSpan {
  if (!(index >= 0 && index < trace.size)) throw new RangeError(`no span at position ${index} (trace has ${trace.size})`);
  const { strings } = trace;
  const text = (i: number): string | null => (i < 0 ? null : strings[i]!);
  const flags = trace.flags[index]!;
  const errorType = text(trace.errorType[index]!);
  return {
    index,
    spanId: trace.spanId[index]!,
    parentId: readParentId(trace, index),
    name: strings[trace.name[index]!]!,
    service: strings[trace.service[index]!]!,
    project: strings[trace.project[index]!]!,
    host: strings[trace.host[index]!]!,
    detail: text(trace.detail[index]!),
    startUs: flags & SpanFlag.NO_START ? null : trace.startUs[index]!,
    stopUs: flags & SpanFlag.UNFINISHED ? null : trace.stopUs[index]!,
    error: errorType === null ? null : { type: errorType, message: text(trace.errorMessage[index]!) },
    unfinished: (flags & SpanFlag.UNFINISHED) !== 0,
    noStart: (flags & SpanFlag.NO_START) !== 0,
    orphan: (flags & SpanFlag.ORPHAN) !== 0,
    cycle: (flags & SpanFlag.CYCLE) !== 0,
    depth: trace.depth[index]!,
  };
}
