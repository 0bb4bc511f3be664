"use client";
// One trace explored (TraceViewer's, once a version of the trace is in): views, rows and panels
// derived from the trace and from the view state. Every derived value is memoized on exactly what
// it reads, so an interaction recomputes only its own chain (e.g. a search: view -> rows); the
// heavy breakdowns are computed after the paint, and only when their panel is on screen.
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { countFoldedSpans, estimateClockSkew, shiftClocks, summarizeTrace, type Trace } from "@/lib/trace";
import { chooseLinkDefaults } from "@/lib/ui/chooseLinkDefaults";
import { chooseTraceViewDefaults } from "@/lib/ui/chooseTraceViewDefaults";
import { showLinkedSpanOffPath } from "@/lib/ui/showLinkedSpanOffPath";
import { computeTraceLegend } from "@/lib/ui/computeTraceLegend";
import { listFindingMarkers } from "@/lib/ui/listFindingMarkers";
import { scrollByToShowLinkedRow } from "@/lib/ui/scrollByToShowLinkedRow";
import { markHighlightedSpans } from "@/lib/ui/markHighlightedSpans";
import { markPathSpans } from "@/lib/ui/markPathSpans";
import { countDbSpans, readWholeTraceDb } from "@/lib/ui/readWholeTraceDb";
import { canShowWideColumns, TRACE_PAGE_MAX_REM } from "@/lib/ui/timelineColumns";
import { fitTimelineHeight, SCREEN_TIMELINE_HEIGHT } from "@/lib/ui/fitTimelineHeight";
import type { TraceViewState } from "@/lib/ui/traceViewState";
import { usePreloadAfterPaint } from "./createLazyComponent";
import { LazyBreakdownPanels, LazySpanDetailsPanel, LazyTypicalComparisonPanel } from "./lazyPanels";
import { CriticalPathFirstNote } from "./CriticalPathFirstNote";
import { LiveIndicator } from "./LiveIndicator";
import { Timeline, TIMELINE_CHROME_PX, type RevealedRow } from "./Timeline";
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
import { useOpenedOnPath } from "./useOpenedOnPath";
import { useSpanNavigation } from "./useSpanNavigation";
import { useTraceRows } from "./useTraceRows";
import { buildViewUrl, useTraceViewState } from "./useTraceViewState";
import { useTraceZoom } from "./useTraceZoom";

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
  // Read from the trace as first received: a live trace's later spans do not change what the URL means.
  const [defaults] = useState(() => chooseTraceViewDefaults(received, complete));
  // The address bar and "Copy link" alike are written against the defaults their reader will get,
  // which a live trace's later spans may change.
  const linkSourceRef = useLatest({ received, complete, live: following.state === "live" });
  const linkDefaults = useCallback(
    (shown: TraceViewState) => {
      const now = linkSourceRef.current;
      return chooseLinkDefaults(now.received, now.complete, now.live, shown);
    },
    [linkSourceRef],
  );
  // A link's span off the path opens with every span from the first paint, not a moment after it.
  const [state, update] = useTraceViewState(
    initialQuery,
    defaults,
    (s) => (defaults.criticalOnly ? showLinkedSpanOffPath(received, s) : s),
    linkDefaults,
  );
  const source = useTraceDataSource();
  const downloads = useMemo(() => source.downloads(received.traceId), [source, received.traceId]);
  const skew = useMemo(() => estimateClockSkew(received), [received]);
  // Clocks are corrected only when asked, and then every figure on the page uses the shifted times.
  const trace = useMemo(() => (state.shiftClocks ? shiftClocks(received, skew.hosts) : received), [received, skew, state.shiftClocks]);
  const { criticalPath, findings } = usePathAndFindings(received, trace, initialFindings, complete, state.criticalOnly);
  const { axis, onZoom, onZoomWindow, zoomToSpan } = useTraceZoom(trace, state.zoom, update);
  const legend = useMemo(() => computeTraceLegend(trace), [trace]);
  const summary = useMemo(() => summarizeTrace(trace), [trace]);
  const dbSpanCount = useMemo(() => countDbSpans(trace), [trace]);

  const { search, regex } = state;
  // Texts clipped for display are searched whole by the server; its answer joins the view when in.
  const longTexts = useClippedTextSearch(trace, search, regex);
  const clippedMatches = longTexts.status === "done" ? longTexts.matches : undefined;
  usePreparedViews(trace, state, findings !== null, criticalPath, dbSpanCount);
  const { view, rows } = useTraceRows(trace, state, criticalPath, clippedMatches);
  const foldedSpans = useMemo(() => countFoldedSpans(rows), [rows]);
  const searchForHighlight = useMemo(
    () => (search && view.searchError === null && !view.searchPending ? { text: search, regex } : null),
    [search, regex, view.searchError, view.searchPending],
  );
  const highlight = useMemo(
    () => markHighlightedSpans(trace, findings, state.finding, state.sql),
    [trace, state.sql, state.finding, findings],
  );
  // A link's span on a phone: the header, the findings and the toolbar fill the first screen, the
  // timeline and the span's details are below it. The window comes to them, once the timeline has
  // scrolled to the row, unless the reader has moved the page first (or the browser put it back
  // where it was on a reload): only from the page's top.
  const timelineBoxRef = useRef<HTMLDivElement>(null);
  const onLinkRevealed = useCallback(({ top, bottom, timelineBottom }: RevealedRow) => {
    const box = timelineBoxRef.current;
    if (!box || window.scrollY !== 0) return;
    const by = scrollByToShowLinkedRow({
      row: { top, bottom },
      timelineBottom,
      box: box.getBoundingClientRect(),
      windowHeight: window.innerHeight,
    });
    if (by !== null) window.scrollBy({ top: by, behavior: "instant" });
  }, []);
  const { timeline, selectedIndex, activeIndex, setActiveIndex, onToggle, onSelect, goToSpan, onNextMatch, updateByReader, timelineInput } =
    useSpanNavigation({
      trace,
      view,
      rows,
      selected: state.selected,
      update,
      clippedMatches,
      clippedSearchWaiting: longTexts.status === "waiting",
      criticalOnly: state.criticalOnly,
      openedFolds: state.openedFolds,
      pathKnown: criticalPath !== null,
      complete,
      onLinkRevealed,
    });

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
  const openedOnPath = useOpenedOnPath(defaults.criticalOnly, state.criticalOnly);
  const onShowAllSpans = useCallback(() => updateByReader({ criticalOnly: false, openedFolds: [] }), [updateByReader]);

  // "Against typical" names a service as the legend does (its sums are kept per service name).
  const projectsOf = useMemo(() => {
    const projects = new Map<string, string[]>();
    for (const { project, service } of legend.services) if (project) projects.set(service, [...(projects.get(service) ?? []), project]);
    return new Map([...projects].map(([service, names]) => [service, names.join(", ")]));
  }, [legend.services]);
  const overviewPalette = useMemo(() => ({ slotOf: legend.serviceOf, colors: legend.services.map((s) => s.color) }), [legend]);
  // The overview draws the critical path strongly, the rest faint, and marks what the findings
  // point at (the longest spawn, the failed call, where a hung request stopped).
  const emphasis = useMemo(() => markPathSpans(trace, criticalPath), [criticalPath, trace]);
  const markers = useMemo(() => listFindingMarkers(trace, findings), [findings, trace]);

  // Read when the link is copied, not on render: the header then renders once, not per keystroke.
  const stateRef = useLatest(state);
  const shareUrl = useCallback(
    () => window.location.origin + buildViewUrl(window.location.pathname, stateRef.current, linkDefaults(stateRef.current)),
    [stateRef, linkDefaults],
  );
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
        live={following.state === "live"}
      />
      <LiveIndicator following={following} onFollow={onFollow} />
      {/* The findings and the typical trace's sentence: one box, the answer to "where did the time go". */}
      <div className="rounded border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-900/40">
        <TraceFindings trace={trace} findings={findings} active={state.finding} onFocus={onFocusFinding} />
        <LazyTypicalComparisonPanel.Component traceId={received.traceId} projectsOf={projectsOf} />
      </div>
      <TraceToolbar
        state={state}
        update={updateByReader}
        view={view}
        legend={legend}
        dbSpanCount={dbSpanCount}
        maxDepth={summary.maxDepth}
        onNextMatch={onNextMatch}
        longTexts={view.searchClippedOnly ? longTexts : undefined}
      />
      {/* Under the note, the note and the counts share a line and the legend has a line of its own
          (beside the longer counts of this view, the legend lost a service to "+1 more" at 1366 px).
          One tree either way, the legend moved by its order: the counts' live region stays the
          same element, so a screen reader says the count that "Show every span" changes (a
          region mounted anew with its text is not announced), and an opened legend stays open. */}
      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
        {openedOnPath && <CriticalPathFirstNote onShowAll={onShowAllSpans} />}
        <ServiceLegend services={legend.services} className={openedOnPath ? "order-last mt-1 basis-full" : "min-w-48 flex-1 basis-0"} />
        <ShownSpans view={view} foldedSpans={foldedSpans} className="ml-auto" />
      </div>
      <div
        ref={timelineBoxRef}
        className="flex flex-col gap-3 lg:flex-row"
        // A trace of a few spans gets a box that fits them; the span details need the screen's height.
        style={{
          height: selectedIndex >= 0 ? SCREEN_TIMELINE_HEIGHT : fitTimelineHeight(trace.size, ROW_HEIGHT, TIMELINE_CHROME_PX),
        }}
      >
        {/* Adds no box (the timeline stays the row's flex item): it sees the reader's input in the timeline. */}
        <div className="contents" {...timelineInput}>
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
        </div>
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
