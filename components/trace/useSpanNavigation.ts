import { useCallback, useEffect, useRef, useState } from "react";
import { findNextMatch, findSpanIndex, type TimelineRows, type Trace, type TraceView } from "@/lib/trace";
import { toggleSpanId } from "@/lib/ui/collapseState";
import { isClosedFoldRow, listFoldIdsHolding } from "@/lib/ui/listFoldIdsHolding";
import { showSpanInState } from "@/lib/ui/showSpanInState";
import { sortedUnique, type TraceViewState } from "@/lib/ui/traceViewState";
import { useLatest } from "../ui/useLatest";
import type { TimelineHandle } from "./Timeline";
import type { ViewStatePatch } from "./useTraceViewState";

/**
 * Where the reader is among the spans: the selected one (in the URL), the active row (the
 * keyboard's), and going to a span from outside the timeline (a panel, a search hit, a finding):
 * shown whatever hid it (a filter, a collapsed ancestor, a fold), made active, scrolled to.
 */
export function useSpanNavigation({
  trace,
  view,
  rows,
  selected,
  update,
  clippedMatches,
  criticalOnly,
}: {
  trace: Trace;
  view: TraceView;
  rows: TimelineRows;
  selected: string | null;
  update: (patch: ViewStatePatch) => void;
  clippedMatches: ReadonlySet<string> | undefined;
  /** The view state's "critical path only": its folds are awaited before a linked span is looked for in them. */
  criticalOnly: boolean;
}) {
  const rowsRef = useLatest(rows);
  const clippedMatchesRef = useLatest(clippedMatches);
  /** Opens the folds that hold the span at trace position `i` (none outside "critical path only"). */
  const openFoldsHolding = useCallback(
    (i: number) => {
      const ids = listFoldIdsHolding(rowsRef.current, i);
      if (ids.length === 0) return false;
      // Not when an update before this one left "critical path only" (goToSpan, to a span off the path).
      update((s) => (s.criticalOnly ? { openedFolds: sortedUnique([...s.openedFolds, ...ids]) } : {}));
      return true;
    },
    [update, rowsRef],
  );

  const selectedIndex = selected ? findSpanIndex(trace, selected) : -1;
  // The active row is a position in one version of the trace: found again by its id in the next.
  const [active, setActive] = useState({ trace, index: selectedIndex });
  const activeIndex = active.trace === trace || active.index < 0 ? active.index : findSpanIndex(trace, active.trace.spanId[active.index]!);
  const setActiveIndex = useCallback((index: number) => setActive({ trace, index }), [trace]);
  const timeline = useRef<TimelineHandle>(null);

  // A link that opens a span scrolls to it once the rows exist.
  useEffect(() => {
    performance.mark("ostrace:trace-visible");
    if (selectedIndex >= 0) timeline.current?.revealSpan(selectedIndex);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on the first render
  }, []);
  // In "critical path only", a linked span inside a closed fold (a link without fold=: written by
  // hand, or before the page wrote it) would have no row: its folds open, as going to a span opens
  // them, and the URL says so. Once, when the folds exist: a big trace's path comes after paint.
  const linked = useRef(selected);
  useEffect(() => {
    const id = linked.current;
    if (id === null || (criticalOnly && !rows.folds)) return;
    linked.current = null;
    const i = findSpanIndex(trace, id);
    if (i >= 0 && openFoldsHolding(i)) timeline.current?.revealSpan(i);
  }, [criticalOnly, rows, trace, openFoldsHolding]);

  const onToggle = useCallback(
    (i: number) => {
      // A fold row's toggle opens it (it stands for its first span and the siblings after it).
      if (isClosedFoldRow(rowsRef.current, i) && openFoldsHolding(i)) return;
      update((s) => ({ toggled: toggleSpanId(s.toggled, trace.spanId[i]!) }));
    },
    [trace, update, openFoldsHolding, rowsRef],
  );
  const onSelect = useCallback(
    (i: number) => {
      update({ selected: trace.spanId[i]! });
      setActiveIndex(i);
    },
    [trace, update, setActiveIndex],
  );

  /** Opens a span from outside the timeline (a panel, a search hit): shown, expanded to, scrolled to. */
  const goToSpan = useCallback(
    (i: number, patch: Partial<TraceViewState> = {}) => {
      update((s) => ({ ...patch, ...showSpanInState(trace, s, i, [], clippedMatchesRef.current) }));
      openFoldsHolding(i);
      setActiveIndex(i);
      timeline.current?.revealSpan(i, true);
    },
    [trace, update, setActiveIndex, openFoldsHolding, clippedMatchesRef],
  );

  const onNextMatch = useCallback(
    (direction: 1 | -1) => {
      const i = findNextMatch(view, activeIndex, direction);
      if (i >= 0) goToSpan(i);
    },
    [view, activeIndex, goToSpan],
  );

  return { timeline, selectedIndex, activeIndex, setActiveIndex, onToggle, onSelect, goToSpan, onNextMatch };
}
