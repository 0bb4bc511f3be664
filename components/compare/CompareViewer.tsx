"use client";
// Two traces side by side in the browser: both compact traces fetched, aligned once
// (lib/trace/alignTraces), then the trace page's view state, toolbar, search and collapse over
// the aligned rows. The URL keeps the view (lib/ui/traceViewState, as on the trace page).
// "Critical path only" keeps the rows on either trace's path (lib/trace/alignCriticalPaths),
// folded as the trace page folds its own (findPathFolds); a pair where either trace's work
// outlived its answer opens so (lib/ui/chooseCompareViewDefaults).
import Link from "next/link";
import { useCallback, useMemo, useRef, useState } from "react";
import {
  alignCriticalPaths,
  alignTraces,
  buildTimelineRows,
  computeCriticalPath,
  countFoldedSpans,
  createTraceView,
  findPathFolds,
  findNextMatch,
  findSpanIndex,
  summarizeAlignment,
  type Trace,
  type TraceAlignment,
} from "@/lib/trace";
import { comparePageUrl, tracePageUrl } from "@/lib/ui/apiUrls";
import { chooseCompareViewDefaults } from "@/lib/ui/chooseCompareViewDefaults";
import { resolveCollapsed, toggleSpanId } from "@/lib/ui/collapseState";
import { COMPARE_CLASSES } from "@/lib/ui/compareClasses";
import { computeTraceLegend } from "@/lib/ui/computeTraceLegend";
import { formatCount } from "@/lib/ui/formatCount";
import { describeComparison } from "@/lib/ui/describeComparison";
import { countDbSpans } from "@/lib/ui/readWholeTraceDb";
import { showLinkedSpanOffPath } from "@/lib/ui/showLinkedSpanOffPath";
import { showSpanInState } from "@/lib/ui/showSpanInState";
import { isClosedFoldRow, listFoldIdsHolding } from "@/lib/ui/listFoldIdsHolding";
import { convertViewStateToFilter, sortedUnique, type TraceViewState } from "@/lib/ui/traceViewState";
import { TRACE_TEXT_LIMITS } from "@/lib/trace/clipTraceTexts";
import { LINK_CLASS } from "../ui/Button";
import { useLatest } from "../ui/useLatest";

import { CriticalPathFirstNote } from "../trace/CriticalPathFirstNote";
import { ShownSpans, TraceToolbar } from "../trace/TraceToolbar";
import { useCompactTrace, type CompactTraceState } from "../trace/useCompactTrace";
import { useRegexEngine } from "../trace/useRegexEngine";
import { useOpenedOnPath } from "../trace/useOpenedOnPath";
import { useTraceViewState, type ViewStatePatch } from "../trace/useTraceViewState";
import { CompareDetails } from "./CompareDetails";
import { CompareTimeline, type CompareTimelineHandle } from "./CompareTimeline";
import { useLinkedRow } from "./useLinkedRow";

/** Two traces' clipped texts would take two searches of the server; compare matches their start only. */
const COMPARE_LONG_TEXTS = {
  status: "start-only",
  clippedAbove: TRACE_TEXT_LIMITS.displayChars,
  reason: "the compare page does not ask the server for their whole text, the trace page does",
} as const;

/** `request`: what the two traces are, as the list names them (lib/ui/describeTraceListItem's describeComparedRequests). */
export function CompareViewer({ aId, bId, request, initialQuery }: { aId: string; bId: string; request: string; initialQuery: string }) {
  const a = useCompactTrace(aId).state,
    b = useCompactTrace(bId).state;
  const problem = describeLoad("A", aId, a) ?? describeLoad("B", bId, b);
  if (problem)
    return (
      <p
        className={`p-6 text-sm ${problem.error ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}
        role={problem.error ? "alert" : "status"}
        data-testid="compare-loading"
      >
        {problem.text}
      </p>
    );
  return (
    <CompareExplorer a={(a as { trace: Trace }).trace} b={(b as { trace: Trace }).trace} request={request} initialQuery={initialQuery} />
  );
}

function describeLoad(side: string, id: string, state: CompactTraceState): { text: string; error: boolean } | null {
  if (state.status === "ready") return null;
  if (state.status === "loading") return { text: `Loading trace ${side} (${id})…`, error: false };
  if (state.status === "not-found") return { text: `Trace ${side} (${id}) has no spans stored (yet).`, error: true };
  return { text: `Could not load trace ${side} (${id}): ${state.message}`, error: true };
}

function CompareExplorer({ a, b, request, initialQuery }: { a: Trace; b: Trace; request: string; initialQuery: string }) {
  // Read from the traces as first received, as the trace page reads its defaults.
  const [defaults] = useState(() => chooseCompareViewDefaults(a, b));
  const al = useMemo(() => alignTraces(a, b), [a, b]);
  // Each trace's own path, over the rows: with the alignment, as the compare page has both whole.
  const path = useMemo(() => alignCriticalPaths(al, computeCriticalPath(al.a), computeCriticalPath(al.b)), [al]);
  // A link's row off the paths opens with every row from the first render, not a moment after it.
  const [state, update] = useTraceViewState(initialQuery, defaults, (s) =>
    defaults.criticalOnly ? showLinkedSpanOffPath(al.merged, s, path) : s,
  );
  const summary = useMemo(() => summarizeAlignment(al), [al]);
  const merged = al.merged;
  const legend = useMemo(() => computeTraceLegend(merged), [merged]);
  const dbSpanCount = useMemo(() => countDbSpans(merged), [merged]);
  const groups = useMemo(() => merged.spanId.filter((_, r) => al.group[r] === 1), [merged, al]);
  const maxDepth = useMemo(() => merged.depth.reduce((m, d) => Math.max(m, d), 0), [merged]);

  const { hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly, level, toggled } = state;
  const filter = useMemo(
    () => ({
      ...convertViewStateToFilter({ hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly }),
      criticalPath: path,
    }),
    [hideDb, hideTypes, hideServices, search, regex, onlyMatches, criticalOnly, path],
  );
  const regexReady = useRegexEngine(regex && search !== "");
  // regexReady: the engine createTraceView reads (lib/trace/regexEngine.ts) has arrived; compute again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const view = useMemo(() => createTraceView(merged, filter), [merged, filter, regexReady]);
  // A group of repeated calls is collapsed until opened: 237 identical SELECTs are one row.
  const collapsed = useMemo(() => resolveCollapsed(view, level, toggled, groups), [view, level, toggled, groups]);
  // As on the trace page: runs of rows that carry a sliver of the paths fold into one row, opened
  // by its first row's id (state.openedFolds, in the URL).
  const openedFolds = useMemo(() => new Set(state.openedFolds), [state.openedFolds]);
  const folds = useMemo(() => (criticalOnly ? findPathFolds(view, path) : null), [criticalOnly, view, path]);
  const rows = useMemo(
    () => buildTimelineRows(view, collapsed, folds && { folds, opened: openedFolds }),
    [view, collapsed, folds, openedFolds],
  );
  const foldedSpans = useMemo(() => countFoldedSpans(rows), [rows]);
  const searchForHighlight = useMemo(
    () => (search && view.searchError === null && !view.searchPending ? { text: search, regex } : null),
    [search, regex, view.searchError, view.searchPending],
  );

  const wholeUs = Math.max(summary.aUs, summary.bUs, 1);
  const axis = useMemo<[number, number]>(
    () => (state.zoom ? [state.zoom[0], Math.min(wholeUs, state.zoom[1])] : [0, wholeUs]),
    [state.zoom, wholeUs],
  );
  const onZoom = useCallback(
    (w: [number, number] | null) => {
      if (!w) return update({ zoom: null });
      const width = axis[1] - axis[0];
      const next: [number, number] = [Math.floor(axis[0] + w[0] * width), Math.ceil(axis[0] + w[1] * width)];
      update({ zoom: next[1] > next[0] ? next : null });
    },
    [axis, update],
  );

  const selectedIndex = state.selected ? findSpanIndex(merged, state.selected) : -1;
  const [activeIndex, setActiveIndex] = useState(selectedIndex);
  const timeline = useRef<CompareTimelineHandle>(null);
  const rowsRef = useLatest(rows);
  /** What shows row `r` (filters relaxed, ancestors expanded, under "critical path only" its folds opened). */
  const showRow = useCallback(
    (s: TraceViewState, r: number): Partial<TraceViewState> => {
      const patch = showSpanInState(merged, s, r, groups, undefined, path);
      if (patch.criticalOnly === false || !s.criticalOnly) return patch;
      const ids = listFoldIdsHolding(rowsRef.current, r);
      return ids.length === 0 ? patch : { ...patch, openedFolds: sortedUnique([...s.openedFolds, ...ids]) };
    },
    [merged, groups, path, rowsRef],
  );
  const { dropLinkedRow, followRow } = useLinkedRow({ merged, rows, selected: state.selected, showRow, update, timeline });
  /** The toolbar's changes (filters, search, levels): the reader's, which a link's row no longer overrides. */
  const updateByReader = useCallback(
    (patch: ViewStatePatch) => {
      dropLinkedRow();
      update(patch);
    },
    [dropLinkedRow, update],
  );
  const onToggle = useCallback(
    (r: number) => {
      dropLinkedRow();
      // A fold row's toggle opens it (it stands for its first row and the siblings after it).
      if (isClosedFoldRow(rowsRef.current, r)) update((s) => ({ openedFolds: sortedUnique([...s.openedFolds, merged.spanId[r]!]) }));
      else update((s) => ({ toggled: toggleSpanId(s.toggled, merged.spanId[r]!) }));
    },
    [merged, update, dropLinkedRow, rowsRef],
  );
  const onSelect = useCallback(
    (r: number) => {
      dropLinkedRow();
      update({ selected: merged.spanId[r]! });
      setActiveIndex(r);
    },
    [merged, update, dropLinkedRow],
  );
  const goToRow = useCallback(
    (r: number) => {
      dropLinkedRow();
      update((s) => showRow(s, r));
      // A filter relaxed may leave it in a fold of the new view: the next render opens that.
      followRow(merged.spanId[r]!);
      setActiveIndex(r);
      timeline.current?.revealRow(r, true);
    },
    [merged, update, showRow, dropLinkedRow, followRow],
  );
  const onNextMatch = useCallback(
    (direction: 1 | -1) => {
      const r = findNextMatch(view, activeIndex, direction);
      if (r >= 0) goToRow(r);
    },
    [view, activeIndex, goToRow],
  );

  /** The pair's own "critical path only", still on: its note says why the page opened so. */
  const openedOnPath = useOpenedOnPath(defaults.criticalOnly, criticalOnly);
  const onShowAllRows = useCallback(() => updateByReader({ criticalOnly: false, openedFolds: [] }), [updateByReader]);

  return (
    <main className="mx-auto max-w-[120rem] space-y-3 px-4 py-3">
      <CompareHeader al={al} request={request} sentence={describeComparison(summary)} />
      <TraceToolbar
        state={state}
        update={updateByReader}
        view={view}
        legend={legend}
        dbSpanCount={dbSpanCount}
        maxDepth={maxDepth}
        onNextMatch={onNextMatch}
        longTexts={view.searchClippedOnly ? COMPARE_LONG_TEXTS : undefined}
      />
      {/* As on the trace page: the colors and the count of what the timeline below shows. */}
      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
        {openedOnPath && <CriticalPathFirstNote pair onShowAll={onShowAllRows} />}
        <CompareLegend spans={summary.spans} className={openedOnPath ? "order-last mt-1 basis-full" : "flex-1"} />
        <ShownSpans view={view} foldedSpans={foldedSpans} className="ml-auto" />
      </div>
      <div className="flex flex-col gap-3 lg:flex-row">
        <div className="min-w-0 flex-1">
          <CompareTimeline
            handle={timeline}
            alignment={al}
            rows={rows}
            axis={axis}
            wholeUs={wholeUs}
            search={searchForHighlight}
            selectedIndex={selectedIndex}
            activeIndex={activeIndex}
            onToggle={onToggle}
            onSelect={onSelect}
            onActivate={setActiveIndex}
            onZoom={onZoom}
          />
        </div>
        {selectedIndex >= 0 && (
          <CompareDetails
            className="lg:w-[26rem] lg:shrink-0"
            alignment={al}
            index={selectedIndex}
            onClose={() => update({ selected: null })}
          />
        )}
      </div>
    </main>
  );
}

function CompareHeader({ al, request, sentence }: { al: TraceAlignment; request: string; sentence: string }) {
  return (
    <header className="space-y-2">
      <h1 className="text-lg font-semibold break-words" data-testid="compare-heading">
        Compare {request}
      </h1>
      <p className="text-sm" data-testid="compare-summary">
        {sentence}
      </p>
      <p className="flex flex-wrap gap-x-4 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          A:{" "}
          <Link className={LINK_CLASS} href={tracePageUrl(al.a.traceId)}>
            {al.a.traceId}
          </Link>{" "}
          ({formatCount(al.a.size)} spans)
        </span>
        <span>
          B:{" "}
          <Link className={LINK_CLASS} href={tracePageUrl(al.b.traceId)}>
            {al.b.traceId}
          </Link>{" "}
          ({formatCount(al.b.size)} spans)
        </span>
        <Link className={LINK_CLASS} href={comparePageUrl(al.b.traceId, al.a.traceId)} data-testid="swap">
          Swap A and B
        </Link>
      </p>
    </header>
  );
}

function CompareLegend({ spans, className }: { spans: Record<string, number>; className: string }) {
  return (
    <ul className={`flex min-w-0 flex-wrap gap-x-4 gap-y-1 text-xs ${className}`} aria-label="Legend" data-testid="compare-legend">
      <li className="flex items-center gap-1">
        <span aria-hidden className="inline-block h-2 w-4 rounded-sm bg-zinc-600 dark:bg-zinc-300" /> A (upper bar)
      </li>
      {COMPARE_CLASSES.map((c) => (
        <li key={c.key} className="flex items-center gap-1" title={c.title}>
          <span aria-hidden className="inline-block h-2 w-4 rounded-sm" style={{ backgroundColor: c.color }} />
          {c.legend} <span className="tabular-nums text-zinc-500">({formatCount(spans[c.key] ?? 0)})</span>
        </li>
      ))}
    </ul>
  );
}
