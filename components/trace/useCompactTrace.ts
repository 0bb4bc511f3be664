"use client";
// The compact trace -> the trace model, in the browser, from the page's data source (the API, or
// the data inlined in an offline report). The compact JSON is rebuilt into typed columns once;
// nothing else keeps it.
//
// A trace that is still receiving spans (the server says so: lib/api/traceLiveness) is followed:
// asked for again every `pollMs` with If-None-Match, so an unchanged trace costs a 304 and a
// changed one replaces the model in place (the page keeps its view state: it is keyed by span
// ids). Following stops when the server says the trace went quiet, after repeated failures, and
// pauses while the tab is hidden.
//
// A big trace arrives in chunks (traceDataSource): its first chunk is shown at once as a trace of
// its own (the top of the pre-order: the first screen of rows), with how many spans have arrived,
// and the whole trace replaces it when the last chunk is in, the view state carried over as for a
// live trace's new version.
import { useCallback, useEffect, useRef, useState } from "react";
import type { InlineTrace } from "@/lib/api/types";
import type { TraceLiveness } from "@/lib/api/traceLiveness";
import { convertCompactToTrace, type CompactTrace, type Trace } from "@/lib/trace";
import { useTraceDataSource } from "./traceDataSource";

/** How often a live trace is asked for again. */
const LIVE_POLL_MS = 2000;
/** Failed polls in a row after which following stops (the server is gone, the trace was deleted). */
const MAX_POLL_FAILURES = 5;

/**
 * Whether the page follows the trace. `quietUs` is how long the trace had gone without a change
 * when the server last answered, `atMs` when that answer came (performance.now()), so the page
 * can count on from there with no clock of its own involved.
 */
export type TraceFollowing =
  | { state: "static" }
  | { state: "live"; quietUs: number; atMs: number }
  | { state: "stopped"; reason: "quiet" | "unreachable"; quietUs: number; atMs: number };

/** Set while only the first spans of a chunked load are shown: how many have arrived, of how many. */
export type ChunkedLoading = { received: number; size: number };

export type CompactTraceState =
  | { status: "loading" }
  | { status: "ready"; trace: Trace; following: TraceFollowing; loading?: ChunkedLoading }
  | { status: "not-found" }
  | { status: "error"; message: string };

type Loaded = { traceId: string; state: CompactTraceState };

/**
 * `inline`: the trace as the server inlined it in the page (rendered at once, nothing fetched).
 * `askPreview`: whether a first load asks for the server's preview first (false: the trace has none).
 */
export function useCompactTrace(
  traceId: string,
  pollMs = LIVE_POLL_MS,
  inline: InlineTrace | null = null,
  askPreview = true,
): { state: CompactTraceState; follow(): void } {
  const source = useTraceDataSource();
  const [loaded, setLoaded] = useState<Loaded | null>(() =>
    inline
      ? {
          traceId,
          state: {
            status: "ready",
            trace: convertCompactToTrace(JSON.parse(inline.compactJson) as CompactTrace),
            following: followingOf(inline.liveness),
          },
        }
      : null,
  );
  const etag = useRef<string | null>(inline?.etag ?? null);

  useEffect(() => {
    if (inline) return;
    const controller = new AbortController();
    (async () => {
      let next: CompactTraceState;
      try {
        const response = await source.loadTrace(
          traceId,
          controller.signal,
          undefined,
          ({ received, size, preview }) => {
            if (controller.signal.aborted) return;
            if (preview) performance.mark("ostrace:trace-first-chunk");
            setLoaded((current) => {
              if (preview) return { traceId, state: { status: "ready", trace: preview, following: STATIC, loading: { received, size } } };
              if (current?.traceId !== traceId || current.state.status !== "ready" || !current.state.loading) return current;
              return { traceId, state: { ...current.state, loading: { received, size } } };
            });
          },
          { preview: askPreview },
        );
        if (response.status === "ready") {
          // Marks for benchmarks and the browser's performance panel: where the load time goes.
          performance.mark("ostrace:trace-fetched");
          etag.current = response.etag;
          next = { status: "ready", trace: readTrace(response), following: followingOf(response.liveness) };
          performance.mark("ostrace:trace-model");
        } else if (response.status === "not-modified") {
          next = { status: "error", message: "the server answered 'not modified' to a first load" };
        } else {
          next = response;
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        next = { status: "error", message: error instanceof Error ? error.message : String(error) };
      }
      setLoaded({ traceId, state: next });
    })();
    return () => controller.abort();
  }, [traceId, source, inline, askPreview]);

  const state = loaded?.traceId === traceId ? loaded.state : { status: "loading" as const };
  const live = state.status === "ready" && state.following.state === "live";
  // Set by follow(): ask at once rather than after a full interval.
  const [followedAt, setFollowedAt] = useState(0);

  useEffect(() => {
    if (!live) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const settle = (change: (ready: Extract<CompactTraceState, { status: "ready" }>) => CompactTraceState) =>
      setLoaded((current) =>
        current?.traceId === traceId && current.state.status === "ready" ? { traceId, state: change(current.state) } : current,
      );
    const schedule = (ms: number) => {
      timer = setTimeout(() => {
        if (document.hidden) document.addEventListener("visibilitychange", onVisible);
        else void poll();
      }, ms);
    };
    const onVisible = () => {
      if (document.hidden) return;
      document.removeEventListener("visibilitychange", onVisible);
      void poll();
    };
    const poll = async () => {
      try {
        const response = await source.loadTrace(traceId, controller.signal, etag.current);
        if (response.status !== "ready" && response.status !== "not-modified")
          throw new Error(response.status === "error" ? response.message : response.status);
        const liveness = response.liveness;
        const trace = response.status === "ready" ? readTrace(response) : null;
        if (response.status === "ready") etag.current = response.etag;
        failures = 0;
        const atMs = performance.now();
        const quietUs = liveness?.quietUs ?? 0;
        const following: TraceFollowing =
          liveness?.live === false ? { state: "stopped", reason: "quiet", quietUs, atMs } : { state: "live", quietUs, atMs };
        settle((ready) => ({ ...ready, trace: trace ?? ready.trace, following }));
        if (following.state === "live") schedule(pollMs);
      } catch {
        if (controller.signal.aborted) return;
        failures++;
        if (failures >= MAX_POLL_FAILURES) {
          // What the server said last still holds: how long the trace had been quiet, and when.
          settle((ready) =>
            ready.following.state === "static"
              ? ready
              : { ...ready, following: { ...ready.following, state: "stopped", reason: "unreachable" } },
          );
        } else schedule(pollMs * 2);
      }
    };
    schedule(followedAt > 0 ? 0 : pollMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [traceId, live, pollMs, followedAt, source]);

  const follow = useCallback(() => {
    setFollowedAt(performance.now());
    setLoaded((current) => {
      if (current?.state.status !== "ready" || current.state.following.state !== "stopped") return current;
      const { quietUs, atMs } = current.state.following;
      return { ...current, state: { ...current.state, following: { state: "live", quietUs, atMs } } };
    });
  }, []);

  return { state, follow };
}

const STATIC: TraceFollowing = { state: "static" };

/** The model, from a load that gave it assembled or in compact form. */
function readTrace(loaded: { compact: CompactTrace } | { trace: Trace }): Trace {
  return "trace" in loaded ? loaded.trace : convertCompactToTrace(loaded.compact);
}

function followingOf(liveness: TraceLiveness | null): TraceFollowing {
  return liveness?.live ? { state: "live", quietUs: liveness.quietUs, atMs: performance.now() } : { state: "static" };
}
