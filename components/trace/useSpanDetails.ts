"use client";
// The raw payloads of one span, fetched on demand (the compact trace leaves them out) and kept
// per page, so going back to a span does not fetch it again. A live trace can complete a span
// (its stop arrives): `version` (its flags) then differs, and the payloads are fetched again.
import { useEffect, useState } from "react";
import type { SpanDetails } from "@/lib/api/types";
import { spanDetailsUrl } from "@/lib/ui/apiUrls";

export type SpanDetailsState =
  | { status: "loading" }
  | { status: "ready"; details: SpanDetails }
  | { status: "error"; message: string };

export function useSpanDetails(traceId: string, spanId: string | null, version = 0): SpanDetailsState {
  const [known, setKnown] = useState<ReadonlyMap<string, SpanDetailsState>>(new Map());
  const key = spanId === null ? null : `${spanId}#${version}`;

  useEffect(() => {
    if (spanId === null || key === null || known.has(key)) return;
    const controller = new AbortController();
    const settle = (state: SpanDetailsState) => setKnown((m) => new Map(m).set(key, state));
    fetch(spanDetailsUrl(traceId, spanId), { signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as SpanDetails | { error?: string } | null;
        if (!response.ok) throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
        settle({ status: "ready", details: body as SpanDetails });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) settle({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [traceId, spanId, key, known]);

  return (key === null ? undefined : known.get(key)) ?? { status: "loading" };
}
