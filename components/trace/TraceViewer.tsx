"use client";
// The trace page in the browser: fetch the compact trace, say where it stands while it loads
// (or that it is gone), and explore each version of it that arrives (TraceExplorer).
import type { ReactNode } from "react";
import type { InlineTrace } from "@/lib/api/types";
import { ChunkLoadingStatus } from "./ChunkLoadingStatus";
import { TraceExplorer } from "./TraceExplorer";
import { TruncationBanner } from "./TruncationBanner";
import { useCompactTrace } from "./useCompactTrace";

type TraceViewerProps = {
  traceId: string;
  initialQuery: string;
  /** An everyday trace inlined by the server: rendered with the HTML, hydrated from the same data. */
  inline?: InlineTrace | null;
  /**
   * The inlined trace's findings, as the server computed them (lib/ui/explainWholeTrace.ts), in
   * ASCII JSON (lib/ui/findingsJson.ts: what keeps the page's payload cheap for the server to write).
   */
  inlineFindings?: string | null;
  /** How often a live trace is asked for again (tests shorten it). */
  livePollMs?: number;
  /** False when the server has no preview of this trace (it is too small): the whole trace is asked for at once. */
  askPreview?: boolean;
  /** "Compare with…", under the header's actions (the page's; none in the offline report). */
  compare?: ReactNode;
  /** What the banner at the top of the page says of a trace that reached a cap; the header flags it rather than "complete". */
  truncation?: string | null;
};

export function TraceViewer({
  traceId,
  initialQuery,
  inline = null,
  inlineFindings = null,
  livePollMs,
  askPreview,
  compare,
  truncation = null,
}: TraceViewerProps) {
  const { state: loaded, follow } = useCompactTrace(traceId, livePollMs, inline, askPreview);
  // Each state is the page's <main> landmark, as the explorer is: a screen reader's "skip to
  // main" on a trace still loading (seconds for a big one) or gone found none.
  if (loaded.status === "loading") {
    return (
      <main>
        {truncation && <TruncationBanner truncation={truncation} className="mx-4 mt-3" />}
        <p className="p-6 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="trace-loading">
          Loading trace {traceId}…
        </p>
      </main>
    );
  }
  if (loaded.status === "not-found") {
    return (
      <main>
        <p className="p-6 text-sm" role="alert">
          Trace {traceId} has no spans stored (yet).
        </p>
      </main>
    );
  }
  if (loaded.status === "error") {
    return (
      <main>
        <p className="p-6 text-sm text-red-700 dark:text-red-400" role="alert">
          Could not load trace {traceId}: {loaded.message}
        </p>
      </main>
    );
  }
  // The same explorer for every version of a live trace: its view state (URL state, collapse
  // toggles, selection by span id), the timeline's scroll and the zoom carry over to the new spans;
  // so too from a big trace's first chunk to the whole trace (the explorer keeps its place in the tree).
  return (
    <>
      {loaded.loading ? <ChunkLoadingStatus loading={loaded.loading} /> : null}
      <TraceExplorer
        trace={loaded.trace}
        complete={!loaded.loading}
        following={loaded.following}
        onFollow={follow}
        initialQuery={initialQuery}
        initialFindings={inlineFindings}
        compare={compare}
        truncation={truncation}
      />
    </>
  );
}
