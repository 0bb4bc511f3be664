"use client";
// The search of a trace's texts clipped for display (lib/trace/clipTraceTexts.ts) in their whole
// form, which only the server holds: asked once typing pauses, only for a trace that has clipped
// texts (an everyday trace never asks), and only the answer to the query now in the box counts
// (an older one is aborted or ignored). The page matches the clipped texts by their kept start
// meanwhile (lib/trace/searchSpans.ts), so nothing here is on a keystroke's path.
import { useEffect, useState } from "react";
import type { Trace } from "@/lib/trace";
import { readClippedLength } from "@/lib/trace/searchSpans";
import { useTraceDataSource } from "./traceDataSource";

/** Typing pauses this long before the server is asked. */
const PAUSE_MS = 200;

export type ClippedTextSearch =
  /** No query, or no clipped text in the trace. */
  | { status: "none" }
  /** The server's answer for this query is not in yet. */
  | { status: "waiting"; clippedAbove: number }
  | { status: "done"; matches: ReadonlySet<string> }
  /** No whole text to search: the server failed (`reason`), or there is none (the offline report). */
  | { status: "start-only"; clippedAbove: number; reason: string };

type Answer = { key: string; matches: ReadonlySet<string> } | { key: string; error: string };

export function useClippedTextSearch(trace: Trace, text: string, regex: boolean): ClippedTextSearch {
  const source = useTraceDataSource();
  const clippedAbove = readClippedLength(trace);
  const [answer, setAnswer] = useState<Answer | null>(null);
  // A live trace's next version may hold more clipped texts: asked again then.
  const key =
    clippedAbove === null || text === "" ? null : JSON.stringify([trace.traceId, trace.clippedTexts?.size, clippedAbove, regex, text]);
  const ask = source.searchClippedTexts;
  useEffect(() => {
    if (key === null || !ask || clippedAbove === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      ask(trace.traceId, { text, regex }, clippedAbove, controller.signal).then(
        (hashes) => setAnswer({ key, matches: new Set(hashes) }),
        (error: unknown) => {
          if (!controller.signal.aborted) setAnswer({ key, error: error instanceof Error ? error.message : String(error) });
        },
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` holds every input that changes the question.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ask]);
  if (key === null || clippedAbove === null) return NONE;
  if (!ask) return { status: "start-only", clippedAbove, reason: "there is no server to search their whole text" };
  if (answer?.key !== key) return { status: "waiting", clippedAbove };
  return "matches" in answer
    ? { status: "done", matches: answer.matches }
    : { status: "start-only", clippedAbove, reason: `the server could not search their whole text (${answer.error})` };
}

const NONE: ClippedTextSearch = { status: "none" };
