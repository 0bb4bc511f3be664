// The trace as the browser receives it (GET /api/traces/{id}): plain JSON, no raw payloads,
// columns instead of objects, texts once in a string table, and the (name, service, project,
// host) combination of each span as one index into a small table of such combinations. Times
// are microsecond offsets from the trace's start, so every value stays a short exact integer.
export const COMPACT_TRACE_VERSION = 1;

export type CompactTrace = {
  v: typeof COMPACT_TRACE_VERSION;
  traceId: string;
  /** Microseconds since the epoch that `start` is relative to. */
  t0: number;
  strings: string[];
  /** Distinct [name, service, project, host] string indices. */
  kinds: [number, number, number, number][];
  /** The columns, one entry per span, in tree pre-order. */
  ids: string[];
  parent: number[];
  kind: number[];
  start: number[];
  duration: number[];
  /** String index of the SQL / "METHOD path" / function name, -1 for none. */
  detail: number[];
  /** SpanFlag bits. */
  flags: number[];
  /** Sparse: [position, error type string index, message string index or -1]. */
  errors: [number, number, number][];
  /** Sparse: [position, parent id as received] for orphans and broken cycles. */
  receivedParents: [number, string][];
};
