import { useCallback, useEffect, useRef, type RefObject } from "react";
import { findSpanIndex, type Trace, type TraceView } from "@/lib/trace";
import { showSpanInState } from "@/lib/ui/showSpanInState";
import type { ViewStatePatch } from "../trace/useTraceViewState";
import type { CompareTimelineHandle } from "./CompareTimeline";

/**
 * The row a compare page's link names (span=: a search hit gone to, a row selected) is shown
 * whatever else the link asks hides it, as the trace page shows its link's span
 * (useSpanNavigation): its collapsed ancestors (a group of repeated calls among them) expanded,
 * a filter that hides it relaxed, only those; then scrolled to. Both traces are whole when the
 * page shows them, so once the search is settled (a regex's engine in) one step does it.
 * Dropped when the reader selects another row or acts on the view first (`dropLinkedRow`).
 */
export function useLinkedRow({
  merged,
  view,
  selected,
  groups,
  update,
  timeline,
}: {
  merged: Trace;
  view: TraceView;
  selected: string | null;
  groups: readonly string[];
  update: (patch: ViewStatePatch) => void;
  timeline: RefObject<CompareTimelineHandle | null>;
}): { dropLinkedRow: () => void } {
  const toShow = useRef(selected);
  useEffect(() => {
    const id = toShow.current;
    if (id === null || view.searchPending) return;
    toShow.current = null;
    const r = id === selected ? findSpanIndex(merged, id) : -1;
    if (r < 0) return;
    update((s) => showSpanInState(merged, s, r, groups));
    timeline.current?.revealRow(r);
  }, [merged, view, selected, groups, update, timeline]);
  const dropLinkedRow = useCallback(() => {
    toShow.current = null;
  }, []);
  return { dropLinkedRow };
}
