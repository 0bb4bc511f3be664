// The offline report that `ostrace trace show --html` writes: one HTML file with ostrace's own
// trace viewer (bundled JavaScript and CSS inlined) and the trace inlined as JSON data blocks,
// which the viewer reads instead of calling the API. Shared by the writer (the CLI, in Node)
// and the reader (the viewer, in the browser): the ids of the data blocks and their shapes.
import type { SpanDetails } from "../api/types";

export const REPORT_BLOCK = { meta: "ostrace-meta", trace: "ostrace-trace", details: "ostrace-details" } as const;

export type OfflineReportMeta = {
  traceId: string;
  /** The server the report was written from (the download links point there). */
  serverUrl: string;
  /** ISO 8601, UTC. */
  writtenAt: string;
  spanCount: number;
  /** Raw payloads in the file: of how many spans, within which budget. */
  payloads: { included: number; total: number; budgetBytes: number };
};

/** Span details by span id (OSprofiler trace_id): the raw payloads the details panel shows. */
export type OfflineReportDetails = Record<string, SpanDetails>;
