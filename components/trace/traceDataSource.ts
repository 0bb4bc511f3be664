"use client";
// Where the trace page's data comes from. On the server's page: the HTTP API (fetch). In the
// offline report that `ostrace trace show --html` writes: data inlined in the file. The page
// reads the source from context, so it stays one viewer for both; the default is the API.
import { createContext, useContext } from "react";
import { parseLivenessHeaders, type TraceLiveness } from "@/lib/api/traceLiveness";
import { parseExactJsonText } from "@/lib/notification/parseExactJsonText";
import type { SpanDetails, TraceTextSearchResponse, TypicalComparisonResponse } from "@/lib/api/types";
import { readJsonLines } from "@/lib/api/readJsonLines";
import { convertCompactToTrace, type CompactTrace, type Trace } from "@/lib/trace";
import type { CompactTraceChunk, CompactTracePreview } from "@/lib/trace/compactTrace";
import { createChunkAssembler } from "@/lib/trace/createChunkAssembler";
import type { SpanSearch } from "@/lib/trace/searchSpans";
import {
  clippedTextSearchUrl,
  compactTraceChunksUrl,
  compactTracePreviewUrl,
  osprofilerDotUrl,
  osprofilerReportUrl,
  otlpJsonUrl,
  spanDetailsUrl,
  statementPageUrl,
  typicalComparisonUrl,
} from "@/lib/ui/apiUrls";
import { hashAggregateKey } from "@/lib/trace/hashAggregateKey";
import { readClippedHash } from "@/lib/trace/clipMark";

/**
 * What a load gave: the trace (with its version, and whether the server says it is still
 * receiving spans), "not-modified" when asked with the version it still has, or why not. The
 * trace comes as the compact form (an offline report's inlined data) or already as the model
 * (the server's chunks, assembled as they arrived).
 */
type LoadedCompactTrace =
  | ({ status: "ready"; etag: string | null; liveness: TraceLiveness | null } & ({ compact: CompactTrace } | { trace: Trace }))
  | { status: "not-modified"; liveness: TraceLiveness | null }
  | { status: "not-found" }
  | { status: "error"; message: string };

type TraceDownloads = { osprofilerJson: string; osprofilerDot: string; otlpJson: string };

/**
 * How far a chunked load got. `preview`: the spans received so far as a trace of their own, given
 * once (after the first chunk) for a trace big enough that waiting for the rest would be felt.
 */
type TraceLoadProgress = { received: number; size: number; preview: Trace | null };

/**
 * `preview: false`: the page knows the trace is too small to have one (its summary's count), so the
 * whole trace is asked for at once. Asking for it anyway cost a 10k trace a round trip after the
 * hydration, before the rows (docs/benchmarks.md §59).
 */
type TraceLoadOptions = { preview?: boolean };

export type TraceDataSource = {
  /** With `etag`, a trace that has not changed since answers "not-modified" (a live trace's poll). */
  loadTrace(
    traceId: string,
    signal: AbortSignal,
    etag?: string | null,
    onProgress?: (progress: TraceLoadProgress) => void,
    options?: TraceLoadOptions,
  ): Promise<LoadedCompactTrace>;
  /** The span with its raw payloads; rejects with an Error whose message the panel shows. */
  loadSpanDetails(traceId: string, spanId: string, signal: AbortSignal): Promise<SpanDetails>;
  downloads(traceId: string): TraceDownloads;
  /** The trace against the recent traces of its request; absent where there is no server (the offline report). */
  loadTypicalComparison?(traceId: string, signal: AbortSignal): Promise<TypicalComparisonResponse>;
  /**
   * The hashes (as their clip marks name them) of the trace's texts longer than `clippedAbove`
   * whose whole text matches `search`; rejects with an Error saying why. Absent without a server
   * (the offline report): clipped texts are then searched by their kept start only.
   */
  searchClippedTexts?(traceId: string, search: SpanSearch, clippedAbove: number, signal: AbortSignal): Promise<string[]>;
  /** The page of a normalized statement across traces; absent without a server. */
  statementPageUrl?(statement: string): string;
};

/** The server's preview of a big trace, or null (a smaller trace, an older server, a failure: the whole trace still comes). */
async function loadPreview(traceId: string, signal: AbortSignal): Promise<CompactTracePreview | null> {
  try {
    const response = await fetch(compactTracePreviewUrl(traceId), { signal });
    if (!response.ok || !response.headers.get("content-type")?.includes("json")) return null;
    const body = (await response.json()) as CompactTracePreview | null;
    return body && typeof body === "object" && "preview" in body ? body : null;
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}

const fetchTraceDataSource: TraceDataSource = {
  async loadTrace(traceId, signal, etag, onProgress, options) {
    // A first load of a big trace: its first spans drawn first, then the whole trace asked for.
    // One after the other: the server is busy building the whole trace once asked.
    if (etag === undefined && onProgress && options?.preview !== false) {
      const preview = await loadPreview(traceId, signal);
      if (preview) onProgress({ received: 0, size: preview.size, preview: convertCompactToTrace(preview.preview) });
    }
    const response = await fetch(compactTraceChunksUrl(traceId), {
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
    const version = response.headers.get("etag");
    // A server that does not know chunks answers the plain compact JSON.
    if (!response.headers.get("content-type")?.includes("ndjson") || !response.body)
      return { status: "ready", compact: (await response.json()) as CompactTrace, etag: version, liveness };
    const assembler = createChunkAssembler();
    for await (const line of readJsonLines(response.body)) {
      const chunk = line as CompactTraceChunk;
      assembler.add(chunk);
      const { received, size } = assembler;
      if (onProgress && received < size) onProgress({ received, size, preview: null });
    }
    return { status: "ready", trace: assembler.finish(), etag: version, liveness };
  },
  // A shape clipped for display names the whole one's hash in its mark.
  statementPageUrl: (statement) => statementPageUrl(readClippedHash(statement) ?? hashAggregateKey(statement)),
  async loadTypicalComparison(traceId, signal) {
    const response = await fetch(typicalComparisonUrl(traceId), { signal, cache: "no-store" });
    const body = (await response.json().catch(() => null)) as TypicalComparisonResponse | { error?: string } | null;
    if (!response.ok || body === null) throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
    return body as TypicalComparisonResponse;
  },
  async searchClippedTexts(traceId, search, clippedAbove, signal) {
    const response = await fetch(clippedTextSearchUrl(traceId, search, clippedAbove), { signal, cache: "no-store" });
    const body = (await response.json().catch(() => null)) as TraceTextSearchResponse | { error?: string } | null;
    if (!response.ok || body === null || !("clippedMatches" in body))
      throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
    return body.clippedMatches;
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
