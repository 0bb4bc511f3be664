"use client";
// Where the trace page's data comes from. On the server's page: the HTTP API (fetch). In the
// offline report that `ostrace trace show --html` writes: data inlined in the file. The page
// reads the source from context, so it stays one viewer for both; the default is the API.
import { createContext, useContext } from "react";
import { parseLivenessHeaders, type TraceLiveness } from "@/lib/api/traceLiveness";
import { parseExactJsonText } from "@/lib/notification/parseExactJsonText";
import type { SpanDetails, TypicalComparisonResponse } from "@/lib/api/types";
import type { CompactTrace } from "@/lib/trace";
import {
  compactTraceUrl,
  osprofilerDotUrl,
  osprofilerReportUrl,
  otlpJsonUrl,
  spanDetailsUrl,
  statementPageUrl,
  typicalComparisonUrl,
} from "@/lib/ui/apiUrls";
import { hashAggregateKey } from "@/lib/trace/hashAggregateKey";

/**
 * What a load gave: the trace (with its version, and whether the server says it is still
 * receiving spans), "not-modified" when asked with the version it still has, or why not.
 */
type LoadedCompactTrace =
  | { status: "ready"; compact: CompactTrace; etag: string | null; liveness: TraceLiveness | null }
  | { status: "not-modified"; liveness: TraceLiveness | null }
  | { status: "not-found" }
  | { status: "error"; message: string };

type TraceDownloads = { osprofilerJson: string; osprofilerDot: string; otlpJson: string };

export type TraceDataSource = {
  /** With `etag`, a trace that has not changed since answers "not-modified" (a live trace's poll). */
  loadTrace(traceId: string, signal: AbortSignal, etag?: string | null): Promise<LoadedCompactTrace>;
  /** The span with its raw payloads; rejects with an Error whose message the panel shows. */
  loadSpanDetails(traceId: string, spanId: string, signal: AbortSignal): Promise<SpanDetails>;
  downloads(traceId: string): TraceDownloads;
  /** The trace against the recent traces of its request; absent where there is no server (the offline report). */
  loadTypicalComparison?(traceId: string, signal: AbortSignal): Promise<TypicalComparisonResponse>;
  /** The page of a normalized statement across traces; absent without a server. */
  statementPageUrl?(statement: string): string;
};

const fetchTraceDataSource: TraceDataSource = {
  async loadTrace(traceId, signal, etag) {
    const response = await fetch(compactTraceUrl(traceId), {
      signal,
      // A poll goes past the browser's cache, so a 304 reaches us as a 304 (and costs no body).
      ...(etag !== undefined ? { cache: "no-store" as const, headers: etag ? { "if-none-match": etag } : {} } : {}),
    });
    const liveness = parseLivenessHeaders(response.headers);
    if (response.status === 304) return { status: "not-modified", liveness };
    if (response.status === 404) return { status: "not-found" };
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      return { status: "error", message: body?.error ?? `HTTP ${response.status}` };
    }
    return { status: "ready", compact: (await response.json()) as CompactTrace, etag: response.headers.get("etag"), liveness };
  },
  statementPageUrl: (statement) => statementPageUrl(hashAggregateKey(statement)),
  async loadTypicalComparison(traceId, signal) {
    const response = await fetch(typicalComparisonUrl(traceId), { signal, cache: "no-store" });
    const body = (await response.json().catch(() => null)) as TypicalComparisonResponse | { error?: string } | null;
    if (!response.ok || body === null) throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
    return body as TypicalComparisonResponse;
  },
  async loadSpanDetails(traceId, spanId, signal) {
    const response = await fetch(spanDetailsUrl(traceId, spanId), { signal });
    // Payload numbers come as they were sent (9007199254740993, 3.0): JSON.parse would change them.
    const text = await response.text();
    let body: SpanDetails | { error?: string } | null = null;
    try {
      body = parseExactJsonText(text) as SpanDetails | { error?: string };
    } catch {
      // not JSON: the status says what went wrong
    }
    if (!response.ok) throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
    return body as SpanDetails;
  },
  downloads: (traceId) => ({
    osprofilerJson: osprofilerReportUrl(traceId),
    osprofilerDot: osprofilerDotUrl(traceId),
    otlpJson: otlpJsonUrl(traceId),
  }),
};

export const TraceDataSourceContext = createContext<TraceDataSource>(fetchTraceDataSource);

export function useTraceDataSource(): TraceDataSource {
  return useContext(TraceDataSourceContext);
}
