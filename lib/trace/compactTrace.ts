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
  /** Sparse: the strings clipped for display (Trace.clippedTexts): [string index, whole length, shape, sqlLabel, label]. */
  clipped?: CompactClippedText[];
};

export type CompactClippedText = [number, number, string | null, string | null, string | null];

/**
 * One piece of the compact trace sent as a stream (GET /api/traces/{id}?chunks=1, one JSON
 * line per chunk), so a trace of a million spans is drawn from its first chunk while the rest
 * arrives. The chunks hold consecutive pre-order positions `from` .. `from + ids.length - 1`;
 * a pre-order prefix is a whole tree on its own (every parent comes before its children), so the
 * spans received so far can be shown as they are. Every chunk repeats the trace's identity and
 * size; `strings` and `kinds` carry only the entries the previous chunks did not (the tables
 * grow by appending), and the sparse columns use positions in the whole trace.
 */
export type CompactTraceChunk = Omit<CompactTrace, "strings" | "kinds" | "clipped"> & {
  /** Spans in the whole trace. */
  size: number;
  /** Pre-order position of this chunk's first span. */
  from: number;
  /** Appended to the string table of the chunks before. */
  strings: string[];
  /** Appended to the kind table of the chunks before. */
  kinds: [number, number, number, number][];
  /** Of this chunk's strings, those clipped for display (indices in the whole table). */
  clipped?: CompactClippedText[];
};

/**
 * The line before the chunks for a big trace: the first spans in time as a trace of their own
 * (the top of the tree, read without reading the whole trace), shown while the chunks arrive.
 */
export type CompactTracePreview = { v: typeof COMPACT_TRACE_VERSION; traceId: string; size: number; preview: CompactTrace };
