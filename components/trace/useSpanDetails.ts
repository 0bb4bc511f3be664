"use client";
// The raw payloads of one span, loaded on demand from the page's data source (the compact trace
// leaves them out) and kept per page, so going back to a span does not load it again.
import { useEffect, useState } from "react";
import type { SpanDetails } from "@/lib/api/types";
import { useTraceDataSource } from "./traceDataSource";

export type SpanDetailsState =
  | { status: "loading" }
  | { status: "ready"; details: SpanDetails }
  | { status: "error"; message: string };

export function useSpanDetails(traceId: string, spanId: string | null): SpanDetailsState {
  const source = useTraceDataSource();
  const [known, setKnown] = useState<ReadonlyMap<string, SpanDetailsState>>(new Map());

  useEffect(() => {
    if (spanId === null || known.has(spanId)) return;
    const controller = new AbortController();
    const settle = (state: SpanDetailsState) => setKnown((m) => new Map(m).set(spanId, state));
    source.loadSpanDetails(traceId, spanId, controller.signal)
      .then((details) => settle({ status: "ready", details }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) settle({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [traceId, spanId, known, source]);

  return (spanId === null ? undefined : known.get(spanId)) ?? { status: "loading" };
}
