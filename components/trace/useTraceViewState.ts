"use client";
// The trace page's view state lives in React state for instant interactions and is mirrored
// into the URL with history.replaceState: one history entry per page (the back button is not
// flooded), no server round trip per keystroke (Next.js integrates replaceState with its router
// without refetching), and a link or a reload reproduces the view.
import { useCallback, useEffect, useRef, useState } from "react";
import { formatTraceViewState, parseTraceViewState, type TraceViewDefaults, type TraceViewState } from "@/lib/ui/traceViewState";

export type ViewStatePatch = Partial<TraceViewState> | ((state: TraceViewState) => Partial<TraceViewState>);

/** How long typing may pause before the URL follows (the view itself follows every keystroke). */
const URL_WRITE_DELAY_MS = 150;

/**
 * `defaults`: the trace's own (lib/ui/chooseTraceViewDefaults.ts), read once: the URL is parsed
 * against them. `linkDefaults`: what the URL is written against, read when it is written (a live
 * trace's later spans can change what its next reader's page takes as defaults:
 * lib/ui/chooseLinkDefaults.ts); without it, `defaults` (no default function: a new one at each
 * render would write the URL again at each render). `atOpen`: what the first render shows of the URL's state, the
 * same on the server and in the browser (a link's span off the path: showLinkedSpanOffPath).
 */
export function useTraceViewState(
  initialQuery: string,
  defaults: TraceViewDefaults,
  atOpen: (state: TraceViewState) => TraceViewState = (state) => state,
  linkDefaults?: (state: TraceViewState) => TraceViewDefaults,
) {
  const [state, setState] = useState<TraceViewState>(() => atOpen(parseTraceViewState(initialQuery, defaults)));
  const update = useCallback((patch: ViewStatePatch) => {
    setState((s) => {
      const changes = typeof patch === "function" ? patch(s) : patch;
      // An empty patch (nothing to change) keeps the state, so nothing renders again.
      return Object.keys(changes).length === 0 ? s : { ...s, ...changes };
    });
  }, []);

  const first = useRef(true);
  useEffect(() => {
    // The first render shows what the URL says: rewriting it would only normalize it.
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const url = buildViewUrl(window.location.pathname, state, linkDefaults ? linkDefaults(state) : defaults);
      if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, defaults, linkDefaults]);

  return [state, update] as const;
}

/** The page's URL for a state: what "copy link" copies. */
export function buildViewUrl(pathname: string, state: TraceViewState, defaults: TraceViewDefaults): string {
  const query = formatTraceViewState(state, defaults);
  return query ? `${pathname}?${query}` : pathname;
}
