import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { findNextMatch, findRow, findSpanIndex, type TimelineRows, type Trace, type TraceView } from "@/lib/trace";
import { toggleSpanId } from "@/lib/ui/collapseState";
import { isClosedFoldRow, listFoldIdsHolding } from "@/lib/ui/listFoldIdsHolding";
import { showSpanInState } from "@/lib/ui/showSpanInState";
import { sortedUnique, type TraceViewState } from "@/lib/ui/traceViewState";
import { useLatest } from "../ui/useLatest";
import type { RevealedRow, TimelineHandle } from "./Timeline";
import type { ViewStatePatch } from "./useTraceViewState";

/** At most this many updates show a linked or gone-to span (relax a filter, open its folds, expand an ancestor). */
const MAX_SHOW_STEPS = 3;

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
  clippedSearchWaiting,
  criticalOnly,
  openedFolds,
  pathKnown,
  complete,
  onLinkRevealed,
}: {
  trace: Trace;
  view: TraceView;
  rows: TimelineRows;
  selected: string | null;
  update: (patch: ViewStatePatch) => void;
  clippedMatches: ReadonlySet<string> | undefined;
  /** The server's answer for the search in the clipped texts is awaited ("only matches" may then hide other spans). */
  clippedSearchWaiting: boolean;
  /** The view state's "critical path only" and the folds opened in it. */
  criticalOnly: boolean;
  openedFolds: readonly string[];
  /** The critical path is computed (a big trace's comes after the first paint), and with it the folds. */
  pathKnown: boolean;
  /** False while a big trace's chunks are still arriving. */
  complete: boolean;
  /** A link's span (span=) was scrolled to in the timeline: where its row is in the window. */
  onLinkRevealed?(place: RevealedRow): void;
}) {
  const rowsRef = useLatest(rows);
  const clippedMatchesRef = useLatest(clippedMatches);
  const openedFoldsRef = useLatest(openedFolds);
  /** Opens the folds that hold the span at trace position `i` and are closed (none outside "critical path only"). */
  const openFoldsHolding = useCallback(
    (i: number) => {
      const ids = listFoldIdsHolding(rowsRef.current, i).filter((id) => !openedFoldsRef.current.includes(id));
      if (ids.length === 0) return false;
      // Not when an update before this one left "critical path only" (goToSpan, to a span off the path).
      update((s) => (s.criticalOnly ? { openedFolds: sortedUnique([...s.openedFolds, ...ids]) } : {}));
      return true;
    },
    [update, rowsRef, openedFoldsRef],
  );

  const selectedIndex = selected ? findSpanIndex(trace, selected) : -1;
  // The active row is a position in one version of the trace: found again by its id in the next.
  const [active, setActive] = useState({ trace, index: selectedIndex });
  const activeIndex = active.trace === trace || active.index < 0 ? active.index : findSpanIndex(trace, active.trace.spanId[active.index]!);
  const setActiveIndex = useCallback((index: number) => setActive({ trace, index }), [trace]);
  const timeline = useRef<TimelineHandle>(null);

  useEffect(() => {
    performance.mark("ostrace:trace-visible");
  }, []);
  // A link's span (span=) is shown whatever else the link asks hides it (a filter, a collapsed
  // ancestor, a fold of "critical path only": a link written by hand, or before the page wrote
  // fold=), as going to a span shows it: only what hides it is relaxed, the URL then says so; and
  // it is scrolled to. Looked for once the view is the one that stays: the span is in (a big
  // trace's later chunk, a live trace's next version may bring it), the search is settled (its
  // regex engine, under "only matches" the clipped texts' answer), and under "critical path only"
  // the whole trace and its path (its folds) are in. Meanwhile a span that already has a row (a
  // big trace's first paint) is scrolled to at once, not after every chunk and the path; what
  // hides it is still looked at once they are in. Dropped when the reader selects another span
  // or acts on the view first (dropPending): their toggles, filters and scrolling are not undone.
  // Going to a span finishes here too: a filter it relaxed may leave the span in a closed fold.
  const toShow = useRef(selected);
  /** toShow is the link's span, as the page opened (not one gone to since). */
  const fromLink = useRef(selected !== null);
  const onLinkRevealedRef = useLatest(onLinkRevealed);
  const showSteps = useRef(0);
  /** toShow's row has been scrolled to while the view was settling. */
  const shownEarly = useRef(false);
  useEffect(() => {
    const id = toShow.current;
    if (id === null) return;
    if (selected !== id) {
      toShow.current = null;
      fromLink.current = false;
      return;
    }
    const i = findSpanIndex(trace, id);
    if (i < 0) return;
    const settling = view.searchPending || (view.filter.onlyMatches && clippedSearchWaiting) || (criticalOnly && !(complete && pathKnown));
    const hasRow = findRow(rows, i) >= 0;
    const revealed = fromLink.current ? onLinkRevealedRef.current : undefined;
    if (settling) {
      if (hasRow && !shownEarly.current) {
        shownEarly.current = true;
        timeline.current?.revealSpan(i, false, revealed);
      }
      return;
    }
    if (hasRow || showSteps.current === MAX_SHOW_STEPS) {
      toShow.current = null;
      timeline.current?.revealSpan(i, false, revealed);
      return;
    }
    // One step a render: the rows after a filter is relaxed may fold the span, or it may sit in
    // an opened fold under a collapsed ancestor.
    showSteps.current++;
    if (!openFoldsHolding(i)) update((s) => showSpanInState(trace, s, i, [], clippedMatchesRef.current));
  }, [
    selected,
    trace,
    view,
    rows,
    clippedSearchWaiting,
    criticalOnly,
    complete,
    pathKnown,
    openFoldsHolding,
    update,
    clippedMatchesRef,
    onLinkRevealedRef,
  ]);

  /**
   * The reader acted on the view before a link's span (or the span gone to) was shown: what is
   * left of showing it is dropped, so that it relaxes no filter, expands nothing and scrolls
   * nowhere the reader did not ask for. A live trace that brings the span later only selects it.
   */
  const dropPending = useCallback(() => {
    toShow.current = null;
    fromLink.current = false;
  }, []);
  /** The toolbar's changes (filters, search, levels, critical path only): the reader's. */
  const updateByReader = useCallback(
    (patch: ViewStatePatch) => {
      dropPending();
      update(patch);
    },
    [dropPending, update],
  );
  /**
   * For the element around the timeline: the reader's input there (a pointer: a click, a drag on
   * the scrollbar, the ruler or the overview, a touch; the wheel; a key the tree acts on) is
   * acting on the view. Not its focus or the scrolling the page does itself.
   */
  const timelineInput = useMemo(
    () => ({
      onPointerDownCapture: dropPending,
      onWheelCapture: dropPending,
      onKeyDown: (event: KeyboardEvent) => {
        if (event.isDefaultPrevented()) dropPending();
      },
    }),
    [dropPending],
  );

  const onToggle = useCallback(
    (i: number) => {
      dropPending();
      // A fold row's toggle opens it (it stands for its first span and the siblings after it).
      if (isClosedFoldRow(rowsRef.current, i) && openFoldsHolding(i)) return;
      update((s) => ({ toggled: toggleSpanId(s.toggled, trace.spanId[i]!) }));
    },
    [trace, update, openFoldsHolding, rowsRef, dropPending],
  );
  const onSelect = useCallback(
    (i: number) => {
      dropPending();
      update({ selected: trace.spanId[i]! });
      setActiveIndex(i);
    },
    [trace, update, setActiveIndex, dropPending],
  );

  /** Opens a span from outside the timeline (a panel, a search hit): shown, expanded to, scrolled to. */
  const goToSpan = useCallback(
    (i: number, patch: Partial<TraceViewState> = {}) => {
      update((s) => ({ ...patch, ...showSpanInState(trace, s, i, [], clippedMatchesRef.current) }));
      openFoldsHolding(i);
      toShow.current = trace.spanId[i]!;
      fromLink.current = false;
      showSteps.current = 0;
      shownEarly.current = true; // scrolled to below
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

  return { timeline, selectedIndex, activeIndex, setActiveIndex, onToggle, onSelect, goToSpan, onNextMatch, updateByReader, timelineInput };
}
