"use client";
// Where the trace page's data comes from. On the server's page: the HTTP API (fetch). In the
// offline report that `ostrace trace show --html` writes: data inlined in the file. The page
// reads the source from context, so it stays one viewer for both; the default is the API.
import { createContext, useContext } from "react";
import type { SpanDetails } from "@/lib/api/types";
import type { CompactTrace } from "@/lib/trace";
import { compactTraceUrl, osprofilerDotUrl, osprofilerReportUrl, otlpJsonUrl, spanDetailsUrl } from "@/lib/ui/apiUrls";

export type LoadedCompactTrace = { status: "ready"; compact: CompactTrace } | { status: "not-found" } | { status: "error"; message: string };

export type TraceDownloads = { osprofilerJson: string; osprofilerDot: string; otlpJson: string };

export type TraceDataSource = {
  loadTrace(traceId: string, signal: AbortSignal): Promise<LoadedCompactTrace>;
  /** The span with its raw payloads; rejects with an Error whose message the panel shows. */
  loadSpanDetails(traceId: string, spanId: string, signal: AbortSignal): Promise<SpanDetails>;
  downloads(traceId: string): TraceDownloads;
};

export const fetchTraceDataSource: TraceDataSource = {
  async loadTrace(traceId, signal) {
    const response = await fetch(compactTraceUrl(traceId), { signal });
    if (response.status === 404) return { status: "not-found" };
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      return { status: "error", message: body?.error ?? `HTTP ${response.status}` };
    }
    return { status: "ready", compact: (await response.json()) as CompactTrace };
  },
  async loadSpanDetails(traceId, spanId, signal) {
    const response = await fetch(spanDetailsUrl(traceId, spanId), { signal });
    const body = (await response.json().catch(() => null)) as SpanDetails | { error?: string } | null;
    if (!response.ok) throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
    return body as SpanDetails;
  },
  downloads: (traceId) => ({ osprofilerJson: osprofilerReportUrl(traceId), osprofilerDot: osprofilerDotUrl(traceId), otlpJson: otlpJsonUrl(traceId) }),
};

export const TraceDataSourceContext = createContext<TraceDataSource>(fetchTraceDataSource);

export function useTraceDataSource(): TraceDataSource {
  return useContext(TraceDataSourceContext);
}
