// What the HTTP API answers, shared by the route handlers (app/api/traces/**) and the UI that
// calls them. Times are integer microseconds since the Unix epoch (UTC), durations microseconds.
import type { CollectorHealth } from "../ingest/describeCollectorHealth";
import type { Span } from "../span/types";
import type { TraceLiveness } from "./traceLiveness";
import type { TypicalComparison } from "../trace/compareWithTypical";

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
  /** Values masked before storage (secrets: see README, Redaction); they were never stored. */
  redactedValues: number;
  /** Raw payloads in the report that are not valid OSprofiler notifications, skipped (first 20). */
  skipped: { path: string; reason: string }[];
  skippedCount: number;
};

/**
 * GET /api/status: whether a collector consumes, for the header's badge; `ready` (some
 * collector's queue is bound, so what is sent now is kept) is what `npm start` waits for.
 */
export type StatusResponse = {
  database: { ok: true; dialect: "sqlite" | "postgresql" } | { ok: false; error: string };
  connected: boolean;
  ready: boolean;
  /** The freshest heartbeat, a connected one first. */
  collector: CollectorHealth | null;
  collectors: CollectorHealth[];
};

/**
 * GET /api/traces/{traceId}/search: the hashes (hashAggregateKey of the whole text, as their clip
 * marks name them) of the trace's texts clipped for display whose whole text matches the search.
 */
export type TraceTextSearchResponse = { clippedMatches: string[] };

/** Every 4xx/5xx answer of the API. 500s say only "internal error"; details go to the log. */
export type ApiError = { error: string };

/**
 * An everyday trace inlined in its page's HTML (lib/api/readInlineTrace.ts): what GET
 * /api/traces/{id} would answer (the compact JSON, its ETag and liveness headers), so the page
 * renders from it at once and a live trace's polls carry on from that version.
 */
export type InlineTrace = { compactJson: string; etag: string; liveness: TraceLiveness };
/** GET /api/traces/{traceId}/typical: the trace against the median of recent traces of its request signature. */
export type TypicalComparisonResponse = TypicalComparison & {
  signature: string | null;
  /** The traces the typical values are medians of, newest first. */
  baselineTraceIds: string[];
  /** False when the trace was stored before its sums were kept (migration 0007): the comparison would be partial. */
  complete: boolean;
};
