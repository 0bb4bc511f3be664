// The trace list: which traces to list (filters, sort, page) and what one row of it says. The
// database runs the query (lib/db/listTraces.ts), the HTTP API parses it from a query string
// and answers the page (lib/api), the list page shows it (components/list).
/**
 * newest: by start; slowest: by duration, first to last timestamp (an asynchronous request's
 * work included); answered: by when the API answered (TraceListItem.answeredUs), the slowest
 * answers first, leaving out traces whose root request has not answered.
 */
export type TraceListSort = "newest" | "slowest" | "answered";

export type TraceListQuery = {
  /** Text in the root request ("METHOD path") or the root span's name, case-insensitive. */
  q?: string;
  /** Start of a base_id: hex digits and dashes, lower case. */
  traceId?: string;
  /** Traces that touched this service / project / host (exact value). */
  service?: string;
  project?: string;
  host?: string;
  /** Window on the trace's start, microseconds since the epoch, both ends inclusive. */
  from?: number;
  to?: number;
  /** Duration bounds in milliseconds (fractions allowed), inclusive. */
  minMs?: number;
  maxMs?: number;
  /** Only traces with at least one span that raised. */
  error?: boolean;
  /** Traces of one request signature ("POST /v2.1/servers", lib/span/requestSignature.ts), exact. */
  signature?: string;
  sort: TraceListSort;
  limit: number;
  /** Opaque, from a previous page's nextCursor (same sort). */
  cursor?: string;
};

/** One row of the trace list, read from the per-trace summary (table `trace`), never from spans. */
export type TraceListItem = {
  /** OSprofiler base_id. */
  traceId: string;
  /** Earliest timestamp that arrived for the trace. */
  startUs: number;
  /** Latest timestamp minus earliest: the whole request, the work its casts started included. */
  durationUs: number;
  /**
   * The root request's own duration: when the API answered (`server create` answers in ~30 ms
   * while its work goes on for seconds). Null until the root's start and stop have both arrived.
   */
  answeredUs: number | null;
  spanCount: number;
  /** Spans whose stop carried an exception. */
  errorCount: number;
  /** Spans whose stop has not arrived. */
  unfinishedCount: number;
  /** Spans whose start has not arrived. */
  noStartCount: number;
  /** Sorted, distinct. */
  services: string[];
  projects: string[];
  hosts: string[];
  /** The root request's span name ("wsgi"), method and path ("/v2.1/servers?limit=1"); null when unknown. */
  rootName: string | null;
  rootMethod: string | null;
  rootPath: string | null;
  /** Top-level spans that are HTTP requests; 0 for traces stored before this was counted. */
  rootRequests: number;
  /** When a batch last changed the trace (the collector's clock); new spans may still arrive. */
  updatedUs: number;
  /** Spans not stored because the trace reached a cap (OSTRACE_TRACE_MAX_SPANS, OSTRACE_TRACE_MAX_MB). */
  droppedSpans: number;
  /** Which cap refused them; null when the trace is whole. */
  truncated: "spans" | "bytes" | null;
};

/**
 * Below this share of the trace's duration, when the API answered is a number of its own: the
 * work it cast went on after it (or the trace holds other requests around it). Above it the two
 * are the same number to a reader.
 */
const ANSWER_SHARE_APART = 0.9;

/** Whether the root request answered well before the trace ended (the list and the comparison say so then). */
export function answeredWellBeforeEnd(answeredUs: number | null, durationUs: number): answeredUs is number {
  return answeredUs !== null && answeredUs < durationUs * ANSWER_SHARE_APART;
}

/** The value a sort orders the list by, and its cursors carry. */
export function readTraceListSortKey(item: TraceListItem, sort: TraceListSort): number {
  if (sort === "slowest") return item.durationUs;
  if (sort === "answered") return item.answeredUs ?? -1;
  return item.startUs;
}

export type TraceListPage = {
  traces: TraceListItem[];
  /** Pass back as `cursor` (same filters and sort) for the next page; null on the last page. */
  nextCursor: string | null;
};

/** Distinct values for the list's filter dropdowns (GET /api/traces/facets). */
export type TraceFacets = {
  services: string[];
  projects: string[];
  hosts: string[];
  /** How many values each list leaves out past lib/ingest/traceSet.ts's MAX_FACET_VALUES; only when one does. */
  omitted?: { services: number; projects: number; hosts: number };
};
