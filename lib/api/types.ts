// What the HTTP API answers, shared by the route handlers (app/api/traces/**) and the UI that
// calls them. Times are integer microseconds since the Unix epoch (UTC), durations microseconds.
import type { Span } from "../span/types";

/** One row of the trace list, read from the per-trace summary (table `trace`), never from spans. */
export type TraceListItem = {
  /** OSprofiler base_id. */
  traceId: string;
  /** Earliest timestamp that arrived for the trace. */
  startUs: number;
  /** Latest timestamp minus earliest. */
  durationUs: number;
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
};

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
};

/** GET /api/traces/{traceId}/spans/{spanId}: the span with its raw start/stop payloads. */
export type SpanDetails = Span;

/** POST /api/traces/import. */
export type TraceImportResult = {
  traceId: string;
  /** Distinct spans in the imported report. */
  spans: number;
  /** Where the UI shows it. */
  url: string;
  /** Notifications read from the report, and how many of them were already stored. */
  notifications: number;
  duplicates: number;
  /** Raw payloads in the report that are not valid OSprofiler notifications, skipped (first 20). */
  skipped: { path: string; reason: string }[];
  skippedCount: number;
};

/** Every 4xx/5xx answer of the API. 500s say only "internal error"; details go to the log. */
export type ApiError = { error: string };
