"use client";
// The raw payloads of one span, fetched on demand (the compact trace leaves them out) and kept
// per page, so going back to a span does not fetch it again.
import { useEffect, useState } from "react";
import type { SpanDetails } from "@/lib/api/types";
import { parseExactJsonText } from "@/lib/notification/parseExactJsonText";
import { spanDetailsUrl } from "@/lib/ui/apiUrls";

export type SpanDetailsState =
  | { status: "loading" }
  | { status: "ready"; details: SpanDetails }
  | { status: "error"; message: string };

export function useSpanDetails(traceId: string, spanId: string | null): SpanDetailsState {
  const [known, setKnown] = useState<ReadonlyMap<string, SpanDetailsState>>(new Map());

  useEffect(() => {
    if (spanId === null || known.has(spanId)) return;
    const controller = new AbortController();
    const settle = (state: SpanDetailsState) => setKnown((m) => new Map(m).set(spanId, state));
    fetch(spanDetailsUrl(traceId, spanId), { signal: controller.signal })
      .then(async (response) => {
        // Payload numbers come as they were sent (9007199254740993, 3.0): JSON.parse would change them.
        const text = await response.text();
        let body: SpanDetails | { error?: string } | null = null;
        try {
          body = parseExactJsonText(text) as SpanDetails | { error?: string };
        } catch {
          // not JSON: the status says what went wrong
        }
        if (!response.ok) throw new Error((body as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
        settle({ status: "ready", details: body as SpanDetails });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) settle({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [traceId, spanId, known]);

  return (spanId === null ? undefined : known.get(spanId)) ?? { status: "loading" };
}
