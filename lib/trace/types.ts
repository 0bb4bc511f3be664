// The trace model: spans -> trace tree, held as columns (typed arrays indexed by the span's
// position in the tree's pre-order) rather than one object per span, so a 100k-span trace stays
// small in the browser and every interaction is a pass over flat arrays.

/** Bits of Trace.flags: why a span's data or place in the tree is not what it claims. */
export const SpanFlag = {
  /** No stop arrived: its end is inferred (see Trace.stopUs). */
  UNFINISHED: 1,
  /** No start arrived: its beginning is inferred (see Trace.startUs). */
  NO_START: 2,
  /** Its parent is neither a span of this trace nor the trace itself: shown as a root. */
  ORPHAN: 4,
  /** Its parent chain looped back on itself (or it names itself as parent): cut here, shown as a root. */
  CYCLE: 8,
  /** Its stop carried an exception (etype). */
  ERROR: 16,
  /**
   * It ends after its parent ended: an asynchronous continuation (an RPC cast served later,
   * a spawned greenthread), the part of an OpenStack request that runs after the API answered.
   * Nothing on the wire says "cast"; this is read from the times.
   */
  ASYNC: 32,
  /**
   * Its times contradict causality: it starts before its parent started, or stops before it
   * starts. Host clocks differ; see estimateClockSkew. Flagged, never shifted silently.
   */
  SKEW: 64,
} as const;

export type Trace = {
  traceId: string;
  /** Number of spans. Every column below has this length and is in tree pre-order. */
  size: number;
  /** Interned texts; the name/service/project/host/detail/error columns index into it. */
  strings: string[];

  spanId: string[];
  /** Position of the parent in this pre-order, -1 for roots. Always less than the span's own position. */
  parent: Int32Array;
  depth: Int32Array;
  /** Exclusive end of the span's subtree: its descendants are positions i+1 .. subtreeEnd[i]-1. */
  subtreeEnd: Int32Array;

  name: Int32Array;
  service: Int32Array;
  project: Int32Array;
  host: Int32Array;
  /** SQL statement, "METHOD path" or function name; -1 when none. */
  detail: Int32Array;
  errorType: Int32Array;
  errorMessage: Int32Array;
  flags: Uint8Array;
  /**
   * The parent id as received, for spans whose tree parent is not that span (orphans and broken
   * cycles); every other span's parent id is spanId[parent[i]], or traceId for a root.
   */
  receivedParentId: Map<number, string>;
  /**
   * The trace as the browser receives it has its long texts clipped (clipTraceTexts): by clipped
   * text, what the whole one was. Absent or without the text: the text is whole.
   */
  clippedTexts?: ReadonlyMap<string, ClippedText>;

  /**
   * Measured extent, in microseconds since the epoch (exact integers). When a start or stop is
   * missing, the extent is what the trace proves: a span without a stop ran at least until the
   * last timestamp in its subtree, one without a start began at most at the first (so a lone
   * span is zero-length at its known end, as in OSprofiler's report, but flagged).
   */
  startUs: Float64Array;
  stopUs: Float64Array;
  /**
   * Extent to draw: the measured one, except that a span without a stop is drawn until its
   * parent's drawn end (or the trace's end), and one without a start from its parent's drawn
   * start (or the trace's start): "somewhere in here", to be drawn as open-ended.
   */
  displayStartUs: Float64Array;
  displayStopUs: Float64Array;
  /**
   * Extent of the span with all its descendants (measured): a cast's client span is short, but
   * its subtree runs on for as long as the work it started. Collapsed rows, the critical path
   * and the async summary read this.
   */
  subtreeStartUs: Float64Array;
  subtreeStopUs: Float64Array;

  /** The trace's time axis: first and last timestamp that arrived (0 and 0 for an empty trace). */
  startedUs: number;
  finishedUs: number;
};

/** A text clipped for display, and what grouping needs from its whole text (each clipped the same way when long). */
export type ClippedText = {
  /** Characters in the whole text. */
  length: number;
  /** normalizeSql of it, when a db span has it as its statement. */
  shape: string | null;
  /** labelCall of it as a db span's statement / as another span's detail, when some span has it so. */
  sqlLabel: string | null;
  label: string | null;
};

/** One span read back from the columns, for details panels, tooltips and exports. */
export type TraceSpan = {
  index: number;
  spanId: string;
  parentId: string;
  name: string;
  service: string;
  project: string;
  host: string;
  detail: string | null;
  /** As received: null when missing. */
  startUs: number | null;
  stopUs: number | null;
  error: { type: string; message: string | null } | null;
  unfinished: boolean;
  noStart: boolean;
  orphan: boolean;
  cycle: boolean;
  depth: number;
};
