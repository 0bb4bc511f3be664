"use client";
// The compact trace -> the trace model, in the browser, from the page's data source (the API, or
// the data inlined in an offline report). The compact JSON is rebuilt into typed columns once;
// nothing else keeps it.
import { useEffect, useState } from "react";
import { convertCompactToTrace, type Trace } from "@/lib/trace";
import { useTraceDataSource } from "./traceDataSource";

export type CompactTraceState =
  | { status: "loading" }
  | { status: "ready"; trace: Trace }
  | { status: "not-found" }
  | { status: "error"; message: string };

export function useCompactTrace(traceId: string): CompactTraceState {
  const source = useTraceDataSource();
  const [state, setState] = useState<{ traceId: string; state: CompactTraceState } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      let next: CompactTraceState;
      try {
        const loaded = await source.loadTrace(traceId, controller.signal);
        if (loaded.status !== "ready") next = loaded;
        else {
          // Marks for benchmarks and the browser's performance panel: where the load time goes.
          performance.mark("ostrace:trace-fetched");
          next = { status: "ready", trace: convertCompactToTrace(loaded.compact) };
          performance.mark("ostrace:trace-model");
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        next = { status: "error", message: error instanceof Error ? error.message : String(error) };
      }
      setState({ traceId, state: next });
    })();
    return () => controller.abort();
  }, [traceId, source]);
  return state?.traceId === traceId ? state.state : { status: "loading" };
}
