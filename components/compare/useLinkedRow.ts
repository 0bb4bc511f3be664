import { useCallback, useEffect, useRef, type RefObject } from "react";
import { findRow, findSpanIndex, type TimelineRows, type Trace } from "@/lib/trace";
import type { TraceViewState } from "@/lib/ui/traceViewState";
import type { ViewStatePatch } from "../trace/useTraceViewState";
import type { CompareTimelineHandle } from "./CompareTimeline";

/** At most this many updates show a linked row (relax a filter, open its folds, expand an ancestor). */
const MAX_SHOW_STEPS = 3;

/**
 * The row a compare page's link names (span=: a search hit gone to, a row selected) is shown
 * whatever else the link asks hides it, as the trace page shows its link's span
 * (useSpanNavigation): its collapsed ancestors (a group of repeated calls among them) expanded,
 * a filter that hides it relaxed, the folds of "critical path only" holding it opened, only
 * those (`showRow`); then scrolled to. Both traces are whole when the page shows them, so once
 * the search is settled (a regex's engine in) a step a render does it: a filter relaxed may
 * leave the row in a fold of the new view. Going to a row (a search hit) finishes here too
 * (`followRow`). Dropped when the reader selects another row or acts on the view first
 * (`dropLinkedRow`).
 */
export function useLinkedRow({
  merged,
  rows,
  selected,
  showRow,
  update,
  timeline,
}: {
  merged: Trace;
  rows: TimelineRows;
  selected: string | null;
  showRow(state: TraceViewState, r: number): Partial<TraceViewState>;
  update: (patch: ViewStatePatch) => void;
  timeline: RefObject<CompareTimelineHandle | null>;
}): { dropLinkedRow: () => void; followRow: (id: string) => void } {
  const toShow = useRef(selected);
  const steps = useRef(0);
  useEffect(() => {
    const id = toShow.current;
    if (id === null || rows.view.searchPending) return;
    const r = id === selected ? findSpanIndex(merged, id) : -1;
    if (r < 0) {
      toShow.current = null;
      return;
    }
    if (findRow(rows, r) >= 0 || steps.current === MAX_SHOW_STEPS) {
      toShow.current = null;
      timeline.current?.revealRow(r);
      return;
    }
    steps.current++;
    update((s) => showRow(s, r));
  }, [merged, rows, selected, showRow, update, timeline]);
  const dropLinkedRow = useCallback(() => {
    toShow.current = null;
  }, []);
  const followRow = useCallback((id: string) => {
    toShow.current = id;
    steps.current = 0;
  }, []);
  return { dropLinkedRow, followRow };
}
