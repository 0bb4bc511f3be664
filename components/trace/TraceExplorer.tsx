"use client";
// One trace explored (TraceViewer's, once a version of the trace is in): views, rows and panels
// derived from the trace and from the view state. Every derived value is memoized on exactly what
// it reads, so an interaction recomputes only its own chain (e.g. a search: view -> rows); the
// heavy breakdowns are computed after the paint, and only when their panel is on screen.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  buildTimelineRows,
  createTraceView,
  estimateClockSkew,
  findPathFolds,
  listFoldsHolding,
  findNextMatch,
  findSpanIndex,
  shiftClocks,
  summarizeTrace,
  type Trace,
} from "@/lib/trace";
import { resolveCollapsed, toggleSpanId } from "@/lib/ui/collapseState";
import { computeTraceLegend } from "@/lib/ui/computeTraceLegend";
import { listFindingMarkers } from "@/lib/ui/listFindingMarkers";
import { markHighlightedSpans } from "@/lib/ui/markHighlightedSpans";
import { countDbSpans, readWholeTraceDb } from "@/lib/ui/readWholeTraceDb";
import { showSpanInState } from "@/lib/ui/showSpanInState";
import { canShowWideColumns, TRACE_PAGE_MAX_REM } from "@/lib/ui/timelineColumns";
import { fitTimelineHeight, SCREEN_TIMELINE_HEIGHT } from "@/lib/ui/fitTimelineHeight";
import { zoomAroundSpan, zoomedAxis, zoomToAxisWindow } from "@/lib/ui/traceZoom";
import { convertViewStateToFilter, sortedUnique, type TraceViewState } from "@/lib/ui/traceViewState";
import { usePreloadAfterPaint } from "./createLazyComponent";
import { LazyBreakdownPanels, LazySpanDetailsPanel, LazyTypicalComparisonPanel } from "./lazyPanels";
import { LiveIndicator } from "./LiveIndicator";
import { Timeline, TIMELINE_CHROME_PX, type TimelineHandle } from "./Timeline";
import { ROW_HEIGHT } from "./TimelineRow";
import { TraceFindings } from "./TraceFindings";
import { TraceSummaryHeader } from "./TraceSummaryHeader";
import { ServiceLegend } from "./ServiceLegend";
import { ShownSpans, TraceToolbar } from "./TraceToolbar";
import { TruncationBanner } from "./TruncationBanner";
import { useLatest } from "../ui/useLatest";
import { useTraceDataSource } from "./traceDataSource";
import { useClippedTextSearch } from "./useClippedTextSearch";
import type { TraceFollowing } from "./useCompactTrace";
import { usePathAndFindings } from "./usePathAndFindings";
import { usePreparedViews } from "./usePreparedViews";
import { useRegexEngine } from "./useRegexEngine";
import { buildViewUrl, useTraceViewState } from "./useTraceViewState";

/** The page is at most TRACE_PAGE_MAX_REM wide, never wide enough for the timeline's type, project and host columns. */
const WIDE_COLUMNS = canShowWideColumns(TRACE_PAGE_MAX_REM);

export function TraceExplorer({
  trace: received,
  complete,
  following,
  onFollow,
  initialQuery,
  initialFindings,
  compare,
  truncation,
}: {
  trace: Trace;
  /** False while a big trace's chunks are still arriving (each shown as it comes). */
  complete: boolean;
  following: TraceFollowing;
  onFollow(): void;
  initialQuery: string;
  /** The findings of the first version received (clocks as recorded), when the server computed them (ASCII JSON). */
  initialFindings: string | null;
  compare: ReactNode;
  truncation: string | null;
}) {
  const [state, update] = useTraceViewState(initialQuery);
  const source = useTraceDataSource();
  const downloads = useMemo(() => source.downloads(received.traceId), [source, received.traceId]);
  const skew = useMemo(() => estimateClockSkew(received), [received]);
  // Clocks are corrected only when asked, and then every figure on the page uses the shifted times.
  const trace = useMemo(() => (state.shiftClocks ? shiftClocks(received, skew.hosts) : received), [received, skew, state.shiftClocks]);
  const { criticalPath, findings } = usePathAndFindings(received, trace, initialFindings, complete);
  // The zoom is kept in µs after the trace's start: a new version that starts earlier (a span
  // from a host whose clock is behind) shifts it, so the same moments stay in view.
  const startedUs = useRef(trace.startedUs);
  useLayoutEffect(() => {
    const shift = startedUs.current - trace.startedUs;
    startedUs.current = trace.startedUs;
    if (shift !== 0) update((s) => (s.zoom ? { zoom: [s.zoom[0] + shift, s.zoom[1] + shift] } : {}));
  }, [trace, update]);
  const legend = useMemo(() => computeTraceLegend(trace), [trace]);
  const summary = useMemo(() => summarizeTrace(trace), [trace]);
  const zoom = state.zoom;
  const axis = useMemo(() => zoomedAxis(trace, zoom), [trace, zoom]);
  const dbSpanCount = useMemo(() => countDbSpans(trace), [trace]);

  const { hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly, level, toggled } = state;
  // Texts clipped for display are searched whole by the server; its answer joins the view when in.
  const longTexts = useClippedTextSearch(trace, search, regex);
  const clippedMatches = longTexts.status === "done" ? longTexts.matches : undefined;
  const clippedMatchesRef = useLatest(clippedMatches);
  const filter = useMemo(
    () => convertViewStateToFilter({ hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly }, clippedMatches),
    [hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly, clippedMatches],
  );
  usePreparedViews(trace, state, findings !== null, criticalPath, dbSpanCount);
  const regexReady = useRegexEngine(regex && search !== "");
  // regexReady: the engine createTraceView reads (lib/trace/regexEngine.ts) has arrived; compute again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const view = useMemo(() => createTraceView(trace, filter), [trace, filter, regexReady]);
  const collapsed = useMemo(() => resolveCollapsed(view, level, toggled), [view, level, toggled]);
  // "Critical path only" folds runs of spans that carry a sliver of the path (findPathFolds), so
  // the spans that carry its time come first;
  // a fold opens by its first span's id, kept in the URL (state.openedFolds).
  const openedFolds = useMemo(() => new Set(state.openedFolds), [state.openedFolds]);
  const folds = useMemo(
    () => (criticalOnly && criticalPath ? findPathFolds(view, criticalPath) : null),
    [criticalOnly, criticalPath, view],
  );
  const rows = useMemo(
    () => buildTimelineRows(view, collapsed, folds && { folds, opened: openedFolds }),
    [view, collapsed, folds, openedFolds],
  );
  const rowsRef = useLatest(rows);
  /** Opens the folds that hold the span at trace position `i` (none outside "critical path only"). */
  const openFoldsHolding = useCallback(
    (i: number) => {
      const { view: shown, folds: held } = rowsRef.current;
      const v = shown.position[i] ?? -1;
      const starts = held && v >= 0 ? listFoldsHolding(held, v) : [];
      if (starts.length === 0) return false;
      const ids = starts.map((f) => shown.trace.spanId[shown.order[f]!]!);
      // Not when an update before this one left "critical path only" (goToSpan, to a span off the path).
      update((s) => (s.criticalOnly ? { openedFolds: sortedUnique([...s.openedFolds, ...ids]) } : {}));
      return true;
    },
    [update, rowsRef],
  );
  const searchForHighlight = useMemo(
    () => (search && view.searchError === null && !view.searchPending ? { text: search, regex } : null),
    [search, regex, view.searchError, view.searchPending],
  );
  const highlight = useMemo(
    () => markHighlightedSpans(trace, findings, state.finding, state.sql),
    [trace, state.sql, state.finding, findings],
  );

  const selectedIndex = state.selected ? findSpanIndex(trace, state.selected) : -1;
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

  const onToggle = useCallback(
    (i: number) => {
      // A fold row's toggle opens it (it stands for its first span and the siblings after it).
      const { view: shown, folded } = rowsRef.current;
      if (folded?.[shown.position[i] ?? -1] && openFoldsHolding(i)) return;
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

  const onHighlightSql = useCallback(
    (group: number | null) => {
      const first = group === null ? undefined : readWholeTraceDb(trace).groups[group]?.spans[0];
      if (first === undefined) update({ sql: null });
      else goToSpan(first, { sql: group, finding: null });
    },
    [trace, update, goToSpan],
  );

  const onFocusFinding = useCallback(
    (k: number | null) => {
      const finding = k === null ? undefined : findings?.[k];
      if (!finding || finding.focus < 0) update({ finding: null });
      else goToSpan(finding.focus, { finding: k, sql: null });
    },
    [findings, update, goToSpan],
  );
  const onShiftClocks = useCallback((on: boolean) => update({ shiftClocks: on }), [update]);

  const onZoom = useCallback(
    (window: [number, number] | null) => {
      update({ zoom: window ? zoomToAxisWindow(axis, trace.startedUs, window) : null });
    },
    [axis, trace, update],
  );

  const onZoomWindow = useCallback((zoom: [number, number] | null) => update({ zoom }), [update]);
  const overviewPalette = useMemo(() => ({ slotOf: legend.serviceOf, colors: legend.services.map((s) => s.color) }), [legend]);
  // The overview draws the critical path strongly, the rest faint, and marks what the findings
  // point at (the longest spawn, the failed call, where a hung request stopped).
  const emphasis = useMemo(
    () => (criticalPath && trace.size > 1 ? Uint8Array.from(criticalPath.bySpan, (us) => (us > 0 ? 1 : 0)) : null),
    [criticalPath, trace],
  );
  const markers = useMemo(() => listFindingMarkers(trace, findings), [findings, trace]);

  const zoomToSpan = useCallback((i: number) => update({ zoom: zoomAroundSpan(trace, i) }), [trace, update]);

  // Read when the link is copied, not on render: the header then renders once, not per keystroke.
  const stateRef = useLatest(state);
  const shareUrl = useCallback(() => window.location.origin + buildViewUrl(window.location.pathname, stateRef.current), [stateRef]);
  const onTab = useCallback((tab: TraceViewState["tab"]) => update({ tab }), [update]);
  const onSelectSpan = useCallback((i: number) => goToSpan(i), [goToSpan]);
  const onCloseDetails = useCallback(() => update({ selected: null }), [update]);
  // The details panel's code is not in the page's first scripts: fetched once the page is idle, so
  // that the first click on a span does not wait for it.
  usePreloadAfterPaint(LazySpanDetailsPanel.preload);

  return (
    // Dense above the timeline: on a 768 px high laptop the first screen shows the findings in full
    // and 11-12 rows (tests/browser/tracePage.test.ts, "on a 768 px high laptop").
    <main className="mx-auto space-y-2 px-4 py-3" style={{ maxWidth: `${TRACE_PAGE_MAX_REM}rem` }}>
      {truncation && <TruncationBanner truncation={truncation} />}
      <TraceSummaryHeader
        trace={trace}
        summary={summary}
        skew={skew}
        shiftClocks={state.shiftClocks}
        onShiftClocks={onShiftClocks}
        onSelectSpan={onSelectSpan}
        dbCalls={dbSpanCount}
        shareUrl={shareUrl}
        downloadHref={downloads.osprofilerJson}
        dotHref={downloads.osprofilerDot}
        otlpHref={downloads.otlpJson}
        compare={compare}
        truncation={truncation}
      />
      <LiveIndicator following={following} onFollow={onFollow} />
      {/* The findings and the typical trace's sentence: one box, the answer to "where did the time go". */}
      <div className="rounded border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-900/40">
        <TraceFindings trace={trace} findings={findings} active={state.finding} onFocus={onFocusFinding} />
        <LazyTypicalComparisonPanel.Component traceId={received.traceId} />
      </div>
      <TraceToolbar
        state={state}
        update={update}
        view={view}
        legend={legend}
        dbSpanCount={dbSpanCount}
        maxDepth={summary.maxDepth}
        onNextMatch={onNextMatch}
        longTexts={view.searchClippedOnly ? longTexts : undefined}
      />
      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
        <ServiceLegend services={legend.services} className="min-w-48 flex-1 basis-0" />
        <ShownSpans view={view} className="ml-auto" />
      </div>
      <div
        className="flex flex-col gap-3 lg:flex-row"
        // A trace of a few spans gets a box that fits them; the span details need the screen's height.
        style={{
          height: selectedIndex >= 0 ? SCREEN_TIMELINE_HEIGHT : fitTimelineHeight(trace.size, ROW_HEIGHT, TIMELINE_CHROME_PX),
        }}
      >
        <Timeline
          handle={timeline}
          className="min-w-0 flex-1"
          trace={trace}
          rows={rows}
          axis={axis}
          colorOf={legend.colorOf}
          search={searchForHighlight}
          highlight={highlight}
          selectedIndex={selectedIndex}
          activeIndex={activeIndex}
          onToggle={onToggle}
          onSelect={onSelect}
          onDeselect={onCloseDetails}
          onActivate={setActiveIndex}
          onZoom={onZoom}
          onZoomWindow={onZoomWindow}
          overviewPalette={overviewPalette}
          criticalPath={criticalPath}
          emphasis={emphasis}
          markers={markers}
          onMarker={onSelectSpan}
          wideColumns={WIDE_COLUMNS}
        />
        {selectedIndex >= 0 && (
          <LazySpanDetailsPanel.Component
            // Below 1024 px, under the timeline: the two share the box's height (at its full height
            // the panel left the timeline none, so a tap on a row made the rows disappear).
            className="min-h-0 flex-1 lg:h-full lg:w-[26rem] lg:flex-none"
            trace={trace}
            spanIndex={selectedIndex}
            color={legend.colorOf(selectedIndex)}
            onClose={onCloseDetails}
            onSelectSpan={onSelectSpan}
            onZoomToSpan={zoomToSpan}
          />
        )}
      </div>
      <LazyBreakdownPanels.Component
        trace={trace}
        view={view}
        legend={legend}
        tab={state.tab}
        onTab={onTab}
        highlightedSql={state.sql}
        onHighlightSql={onHighlightSql}
        onSelectSpan={onSelectSpan}
      />
    </main>
  );
}
