"use client";
// GET /api/traces/{id} -> the trace model, in the browser. The compact JSON is parsed by the
// browser's JSON.parse and rebuilt into typed columns once; nothing else keeps the response.
import { useEffect, useState } from "react";
import { convertCompactToTrace, type CompactTrace, type Trace } from "@/lib/trace";
import { compactTraceUrl } from "@/lib/ui/apiUrls";

export type CompactTraceState =
  | { status: "loading" }
  | { status: "ready"; trace: Trace }
  | { status: "not-found" }
  | { status: "error"; message: string };

export function useCompactTrace(traceId: string): CompactTraceState {
  const [state, setState] = useState<{ traceId: string; state: CompactTraceState } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      let next: CompactTraceState;
      try {
        const response = await fetch(compactTraceUrl(traceId), { signal: controller.signal });
        if (response.status === 404) next = { status: "not-found" };
        else if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: string } | null;
          next = { status: "error", message: body?.error ?? `HTTP ${response.status}` };
        } else {
          const compact = (await response.json()) as CompactTrace;
          // Marks for benchmarks and the browser's performance panel: where the load time goes.
          performance.mark("ostrace:trace-fetched");
          next = { status: "ready", trace: convertCompactToTrace(compact) };
          performance.mark("ostrace:trace-model");
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        next = { status: "error", message: error instanceof Error ? error.message : String(error) };
      }
      setState({ traceId, state: next });
    })();
    return () => controller.abort();
  }, [traceId]);
  return state?.traceId === traceId ? state.state : { status: "loading" };
}
