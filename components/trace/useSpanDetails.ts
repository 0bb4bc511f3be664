"use client";
// The raw payloads of one span, loaded on demand from the page's data source (the compact trace
// leaves them out) and kept per page, so going back to a span does not load it again. A live
// trace can complete a span (its stop arrives): `version` (its flags) then differs, and the
// payloads are loaded again.
import { useEffect, useState } from "react";
import type { SpanDetails } from "@/lib/api/types";
import { useTraceDataSource } from "./traceDataSource";

export type SpanDetailsState = { status: "loading" } | { status: "ready"; details: SpanDetails } | { status: "error"; message: string };

export function useSpanDetails(traceId: string, spanId: string | null, version = 0): SpanDetailsState {
  const source = useTraceDataSource();
  const [known, setKnown] = useState<ReadonlyMap<string, SpanDetailsState>>(new Map());
  const key = spanId === null ? null : `${spanId}#${version}`;

  useEffect(() => {
    if (spanId === null || key === null || known.has(key)) return;
    const controller = new AbortController();
    const settle = (state: SpanDetailsState) => setKnown((m) => new Map(m).set(key, state));
    source
      .loadSpanDetails(traceId, spanId, controller.signal)
      .then((details) => settle({ status: "ready", details }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) settle({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [traceId, spanId, key, known, source]);

  return (key === null ? undefined : known.get(key)) ?? { status: "loading" };
}
