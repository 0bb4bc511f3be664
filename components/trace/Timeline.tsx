"use client";
// The virtualized timeline: a fixed row height, only the rows in view (plus overscan, at most
// MAX_MOUNTED_ROWS) in the DOM, positioned inside a spacer as tall as all rows. Keyboard
// navigation follows the ARIA tree pattern with aria-activedescendant, so focus stays on the
// tree while the active row moves (and scrolls into view, which also mounts it).
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from "react";
import {
  computeBar,
  findRow,
  hasViewChildren,
  prepareSubtreeSummaries,
  type CriticalPath,
  type SpanSearch,
  type TimeAxis,
  type TimelineRows,
  type Trace,
} from "@/lib/trace";
import { layoutRulerTicks } from "@/lib/ui/layoutRulerTicks";
import { computeVisibleRange, MAX_MOUNTED_ROWS, scrollTopToKeepSelectedInView, scrollTopToReveal } from "@/lib/ui/computeVisibleRange";
import { placeRowOverlays } from "@/lib/ui/placeRowOverlays";
import { resolveTreeKey } from "@/lib/ui/resolveTreeKey";
import { scrollTopToKeepInPlace } from "@/lib/ui/scrollTopToKeepInPlace";
import { NamesHead } from "./NamesHead";
import { SplitDivider } from "./SplitDivider";
import { rowTone } from "./rowTone";
import { readNamesColumn, rowShownFrom, type NamesColumn } from "./rowShownFrom";
import { TimelineFoldRow } from "./TimelineFoldRow";
import { ROW_HEIGHT, TimelineRow, TimelineRowTone } from "./TimelineRow";
import { TimeRuler } from "./TimeRuler";
import { OVERVIEW_HEIGHT, TimelineOverviewBar } from "./TimelineOverviewBar";
import type { OverviewMarker, OverviewPalette } from "./TraceOverview";
import { useAfterFirstPaint } from "./useAfterFirstPaint";
import { useTopRowAcrossVersions } from "./useTopRowAcrossVersions";
import { usePaintedHits } from "./usePaintedHits";
import { useScrolledRows, type KeepInPlace } from "./useScrolledRows";
import { SPAN_TREE_ID } from "./spanTreeId";
import { VirtualTreeBody } from "./VirtualTreeBody";
import { useTreeShare } from "./useTreeShare";

/** CSS pixels of the ruler's header row. */
const RULER_HEADER_HEIGHT = 36;
/** What the box holds besides its rows: the overview's row, the ruler's and the box's top and bottom border. */
export const TIMELINE_CHROME_PX = OVERVIEW_HEIGHT + 8 + RULER_HEADER_HEIGHT + 2;
const NO_MARKERS: readonly OverviewMarker[] = [];
const GREY_PALETTE: OverviewPalette = { slotOf: new Uint16Array(0), colors: ["#71717a"] };

export type TimelineHandle = {
  /**
   * Scrolls the span's row into view (when it has one) and focuses the tree; then tells
   * `revealed` where the row and the timeline's bottom are in the window (a link's span: the page
   * may have to come to it).
   */
  revealSpan(spanIndex: number, focus?: boolean, revealed?: (place: RevealedRow) => void): void;
};

/** Window coordinates (getBoundingClientRect's) of a revealed row and of the timeline's bottom. */
export type RevealedRow = { top: number; bottom: number; timelineBottom: number };

export type TimelineProps = {
  trace: Trace;
  rows: TimelineRows;
  axis: TimeAxis;
  colorOf(spanIndex: number): string;
  search: SpanSearch | null;
  /** By span position: 1 for spans to highlight (a DB statement's calls); null for none. */
  highlight: Uint8Array | null;
  selectedIndex: number;
  activeIndex: number;
  onToggle(spanIndex: number): void;
  onSelect(spanIndex: number): void;
  /** Escape in the tree while a span is selected: closes its details, as the panel's × does. */
  onDeselect?(): void;
  onActivate(spanIndex: number): void;
  /** Zoom to a window given as fractions of the current axis; null resets to the whole trace. */
  onZoom(window: [fromFraction: number, toFraction: number] | null): void;
  /** Zoom from the overview: µs after the trace's start (what the view state's zoom holds); null for the whole trace. */
  onZoomWindow(zoom: [fromUs: number, toUs: number] | null): void;
  /** The overview's colors (the legend's serviceOf and service colors); without, every span is drawn grey. */
  overviewPalette?: OverviewPalette;
  /** The trace's critical path, drawn under the bars (null while it is computed). */
  criticalPath?: CriticalPath | null;
  /** By span position: 1 = drawn strongly in the overview (e.g. the critical path), the others faint; null or absent: all alike. */
  emphasis?: Uint8Array | null;
  /** Labelled spans marked on the overview, at their start. */
  markers?: readonly OverviewMarker[];
  /** A marker was clicked. */
  onMarker?(spanIndex: number): void;
  handle?: Ref<TimelineHandle>;
  className?: string;
  /**
   * Whether the timeline can ever be wide enough for the type, project and host columns
   * (lib/ui/timelineColumns; default true). Where it cannot, its header and rows leave those
   * cells out instead of rendering them hidden.
   */
  wideColumns?: boolean;
};

export function Timeline(props: TimelineProps) {
  const {
    trace,
    rows,
    axis,
    colorOf,
    search,
    highlight,
    selectedIndex,
    activeIndex,
    onToggle,
    onSelect,
    onActivate,
    onZoom,
    onZoomWindow,
    wideColumns = true,
  } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const treeHeadRef = useRef<HTMLDivElement>(null);
  // A filter, a collapse or an expand keeps the selected row (else the top one) where it was on screen.
  const keepInPlace = useMemo<KeepInPlace<TimelineRows>>(
    () => ({
      same: (before, after) => before.rows === after.rows && before.view.order === after.view.order,
      scrollTop: (before, after, top, height) =>
        scrollTopToKeepInPlace({ before, after, scrollTop: top, viewportHeight: height, rowHeight: ROW_HEIGHT, selectedIndex }),
      // A filter, a collapse, critical path only: not the next version of a trace still arriving,
      // which would pay an extra render per chunk for it.
      holdOverscan: (before, after) => before.view.trace === after.view.trace,
    }),
    [selectedIndex],
  );
  const { bodyRef, scrollTop, setScrollTop, viewportHeight, measured, setViewportHeight, overscan, reveal, rowsRef } = useScrolledRows(
    rows,
    ROW_HEIGHT,
    keepInPlace,
  );
  const painted = useAfterFirstPaint();
  // A collapsed row's summary reads per-trace sums (a pass over the spans): made once the first
  // rows are painted and the page is idle, instead of in the first collapse.
  useEffect(() => {
    if (painted) prepareSubtreeSummaries(trace);
  }, [painted, trace]);
  const rulerRef = useRef<HTMLDivElement>(null);
  const [rulerWidth, setRulerWidth] = useState(400);
  const [namesColumn, setNamesColumn] = useState<NamesColumn | null>(null);
  const [dividerLeft, setDividerLeft] = useState(0);
  const [treeShare, setTreeShare] = useTreeShare();

  useLayoutEffect(() => {
    const root = rootRef.current,
      body = bodyRef.current,
      ruler = rulerRef.current,
      treeHead = treeHeadRef.current;
    if (!root || !body || !ruler || !treeHead) return;
    const measure = () => {
      setViewportHeight(body.clientHeight);
      setRulerWidth(ruler.clientWidth);
      const remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const column = readNamesColumn(treeHead.getBoundingClientRect().width, root.clientWidth, remPx, wideColumns);
      // Not laid out (hidden, or jsdom): no width to judge a hit by.
      if (column.columnPx === 0) setNamesColumn(null);
      else setNamesColumn((was) => (was?.columnPx === column.columnPx && was.namePrefixed === column.namePrefixed ? was : column));
      // The divider sits on the tree column's edge as the grid (CSS) resolved it.
      setDividerLeft(treeHead.getBoundingClientRect().right - root.getBoundingClientRect().left - root.clientLeft);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    observer.observe(ruler);
    observer.observe(treeHead);
    return () => observer.disconnect();
  }, [bodyRef, setViewportHeight, wideColumns]);
  const measureRowsContent = useCallback(() => {
    const header = headerRef.current;
    if (!header) return null;
    // The header's content box is the rows' (same border, same scrollbar gutter).
    return { left: header.getBoundingClientRect().left + header.clientLeft, width: header.clientWidth };
  }, []);

  useTopRowAcrossVersions(trace, rows, bodyRef, setScrollTop);

  // On a narrow screen the details panel opens under the timeline and shrinks its body: the row
  // just clicked would otherwise fall below the body's new bottom, out of sight.
  // The first measure replaces a guess, not a height the reader saw.
  const heightRef = useRef<number | null>(null);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const heightBefore = heightRef.current;
    heightRef.current = measured ? viewportHeight : null;
    if (!body || heightBefore === null || selectedIndex < 0) return;
    const row = findRow(rowsRef.current, selectedIndex);
    const top = scrollTopToKeepSelectedInView({
      row,
      scrollTop: body.scrollTop,
      heightBefore,
      heightAfter: viewportHeight,
      rowHeight: ROW_HEIGHT,
    });
    if (top === null) return;
    body.scrollTop = top;
    setScrollTop(body.scrollTop);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of height moves the body, not a selection
  }, [viewportHeight, measured]);

  useImperativeHandle(
    props.handle,
    () => ({
      revealSpan(spanIndex: number, focus = false, revealed?: (place: RevealedRow) => void) {
        // Runs after the render that gave the span its row (state updates commit first).
        requestAnimationFrame(() => {
          const row = findRow(rowsRef.current, spanIndex);
          if (row >= 0) {
            const body = bodyRef.current;
            if (body) {
              // Centre a jumped-to row rather than leaving it on the edge.
              const top = row * ROW_HEIGHT - body.clientHeight / 2 + ROW_HEIGHT / 2;
              if (scrollTopToReveal(row, body.scrollTop, body.clientHeight, ROW_HEIGHT) !== null) body.scrollTop = Math.max(0, top);
              setScrollTop(body.scrollTop);
              // From the body's place and scroll, not the row's element: it mounts in the next render.
              if (revealed) {
                const rowTop = body.getBoundingClientRect().top + body.clientTop + row * ROW_HEIGHT - body.scrollTop;
                const timelineBottom = rootRef.current?.getBoundingClientRect().bottom ?? rowTop + ROW_HEIGHT;
                revealed({ top: rowTop, bottom: rowTop + ROW_HEIGHT, timelineBottom });
              }
            }
          }
          if (focus) bodyRef.current?.focus({ preventScroll: true });
        });
      },
    }),
    [bodyRef, rowsRef, setScrollTop],
  );

  const activeRow = activeIndex >= 0 ? findRow(rows, activeIndex) : -1;
  const spanAt = (row: number) => rows.view.order[rows.rows[row]!]!;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape" && selectedIndex >= 0 && props.onDeselect) {
      event.preventDefault();
      props.onDeselect();
      return;
    }
    const pageRows = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1);
    const action = resolveTreeKey(rows, activeRow < 0 ? 0 : activeRow, event.key, pageRows);
    if (!action) return;
    event.preventDefault();
    if (activeRow < 0 && action.type === "move") {
      // The first key press on a tree without an active row picks the first row.
      onActivate(spanAt(0));
      reveal(0);
      return;
    }
    const spanIndex = spanAt(action.row);
    if (action.type === "move") {
      onActivate(spanIndex);
      reveal(action.row);
    } else if (action.type === "toggle") {
      onToggle(spanIndex);
    } else {
      onSelect(spanIndex);
    }
  };

  // Search hits are painted from ranges over the mounted rows' text (usePaintedHits). The rows
  // then get no search at all and only re-render when their own state changes; a match's tint
  // and flag are its tone's, rendered below.
  const paintsHits = usePaintedHits(bodyRef, search);

  const range = computeVisibleRange({ scrollTop, viewportHeight, rowHeight: ROW_HEIGHT, count: rows.count, overscan });
  // Per mounted row: the path's pieces in it (its own, or a collapsed row's whole subtree) and
  // what a collapsed row hides. Recomputed when the mounted range, the rows' arrays, axis or path
  // change; the values are strings and numbers, so memoized rows whose values stay skip rendering.
  // Not per rows object: a search keystroke makes a new one over the same arrays (and the same
  // view tree: its order array is the tree's), and placing every mounted row's stripe again was
  // the largest part of the first keystroke's task (docs/benchmarks.md §31).
  const { criticalPath } = props;
  const { rows: rowArray, collapsed: collapsedArray, folded: foldedArray } = rows,
    viewOrder = rows.view.order;
  const overlays = useMemo(
    () => placeRowOverlays(trace, rows, range.first, range.end, axis, criticalPath),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rows: read through its arrays (above)
    [criticalPath, axis, rowArray, collapsedArray, foldedArray, viewOrder, trace, range.first, range.end],
  );
  const rowIdPrefix = `span-row-`;
  const mounted = [];
  const tones = [];
  for (let r = range.first; r < range.end; r++) {
    const v = rows.rows[r]!;
    const i = rows.view.order[v]!;
    const bar = computeBar(trace, i, axis);
    const overlay = overlays[r - range.first]!;
    const matches = rows.view.matches !== null && rows.view.matches[i] === 1;
    const highlighted = highlight !== null && highlight[i] === 1;
    tones.push(
      <TimelineRowTone key={r % MAX_MOUNTED_ROWS} row={r} tone={rowTone(r, i === selectedIndex, highlighted, matches)} matches={matches} />,
    );
    if (overlay.kind === "fold") {
      mounted.push(
        <TimelineFoldRow
          key={r % MAX_MOUNTED_ROWS}
          row={r}
          spanIndex={i}
          spanId={trace.spanId[i]!}
          depth={rows.view.depth[v]!}
          spans={overlay.hiddenSpans}
          pathUs={rows.folds!.pathUs[v]!}
          active={i === activeIndex}
          extentStart={overlay.subtreeStart}
          extentWidth={overlay.subtreeWidth}
          pathFromUs={overlay.pathFromUs}
          pathToUs={overlay.pathToUs}
          criticalStripe={overlay.stripe}
          wideColumns={wideColumns}
          rowId={`${rowIdPrefix}${i}`}
          onToggle={onToggle}
        />,
      );
      continue;
    }
    mounted.push(
      <TimelineRow
        // Keyed by slot, not by span: the mounted rows are a run of at most MAX_MOUNTED_ROWS, so
        // r % MAX_MOUNTED_ROWS never repeats among them and a row still mounted after a scroll
        // keeps its element untouched. A filter or a collapse that puts other spans at the same
        // positions updates those elements in place instead of removing every one and creating
        // new ones (docs/benchmarks.md §45).
        key={r % MAX_MOUNTED_ROWS}
        trace={trace}
        row={r}
        spanIndex={i}
        depth={rows.view.depth[v]!}
        hasChildren={hasViewChildren(rows.view, v)}
        collapsed={rows.collapsed[v] === 1}
        highlighted={highlighted}
        selected={i === selectedIndex}
        active={i === activeIndex}
        barStart={bar.start}
        barWidth={bar.width}
        criticalStripe={overlay.stripe}
        subtreeStart={overlay.subtreeStart}
        subtreeWidth={overlay.subtreeWidth}
        hiddenSpans={overlay.hiddenSpans}
        hiddenErrors={overlay.hiddenErrors}
        color={colorOf(i)}
        search={paintsHits ? null : search}
        shownFrom={matches ? rowShownFrom(trace, rows, v, overlay, namesColumn, search) : 0}
        wideColumns={wideColumns}
        rowId={`${rowIdPrefix}${i}`}
        onToggle={onToggle}
        onSelect={onSelect}
      />,
    );
  }

  const durationUs = axis.endUs - axis.startUs;
  const zoomed = axis.startUs !== trace.startedUs || axis.endUs !== trace.finishedUs;
  const tickOffsetUs = axis.startUs - trace.startedUs;
  const ruler = useMemo(() => layoutRulerTicks(durationUs, tickOffsetUs), [durationUs, tickOffsetUs]);
  const activeMounted = activeRow >= range.first && activeRow < range.end;
  const zoomTo = useCallback((from: number, to: number) => onZoom([from, to]), [onZoom]);
  const resetZoom = useCallback(() => onZoom(null), [onZoom]);

  const firstVisibleRow = Math.min(rows.count, Math.floor(scrollTop / ROW_HEIGHT));
  const endVisibleRow = Math.min(rows.count, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT));

  return (
    <div
      ref={rootRef}
      className={`timeline relative flex min-h-0 flex-col overflow-hidden rounded border border-zinc-200 dark:border-zinc-800 ${props.className ?? ""}`}
      style={{
        ...ruler.gridAt(rulerWidth),
        ["--tree-share" as string]: String(treeShare),
      }}
      data-testid="timeline"
    >
      <TimelineOverviewBar
        rows={rows}
        wholeUs={trace.finishedUs - trace.startedUs}
        zoomed={zoomed}
        offsetUs={tickOffsetUs}
        durationUs={durationUs}
        palette={props.overviewPalette ?? GREY_PALETTE}
        emphasis={props.emphasis ?? null}
        // Only with folds to draw: the path arriving after the first paint redraws nothing otherwise.
        path={rows.folds ? (criticalPath ?? null) : null}
        markers={props.markers ?? NO_MARKERS}
        firstVisibleRow={firstVisibleRow}
        endVisibleRow={endVisibleRow}
        // Drawn once the first rows are painted (tens of ms at 1k spans), and only at the measured width.
        widthPx={painted ? rulerWidth : 0}
        onZoomWindow={onZoomWindow}
        onResetZoom={resetZoom}
        onMarker={props.onMarker}
      />
      <div
        ref={headerRef}
        className="timeline-grid shrink-0 border-b border-l-4 border-l-transparent border-zinc-200 bg-zinc-50 text-[11px] font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
        style={{ height: RULER_HEADER_HEIGHT, scrollbarGutter: "stable", overflowY: "hidden" }}
      >
        <NamesHead headRef={treeHeadRef} label="Levels / request, SQL or function" zoomed={zoomed} onResetZoom={resetZoom} />
        <div ref={rulerRef} className="h-full">
          <TimeRuler sets={ruler.sets} zoomed={zoomed} onZoom={zoomTo} />
        </div>
        {wideColumns && <div className="timeline-wide-only px-1">Type</div>}
        {wideColumns && <div className="timeline-wide-only px-1">Project</div>}
        <div className="timeline-medium px-1">Service</div>
        {wideColumns && <div className="timeline-wide-only px-1">Host</div>}
        <div className="pl-1 pr-2 text-right">ms</div>
      </div>
      <VirtualTreeBody
        bodyRef={bodyRef}
        id={SPAN_TREE_ID}
        label="Spans of the trace"
        activeId={activeMounted ? `${rowIdPrefix}${activeIndex}` : undefined}
        rowCount={rows.count}
        rowHeight={ROW_HEIGHT}
        testId="timeline-body"
        empty="No spans to show: every span is hidden by the filters above."
        onKeyDown={onKeyDown}
        onFirstFocus={() => {
          if (activeRow < 0 && rows.count > 0) onActivate(spanAt(0));
        }}
        onScrollTop={setScrollTop}
      >
        {/* The rows' backgrounds, in a composited layer of their own under the rows (app/globals.css). */}
        <div aria-hidden className="timeline-tones pointer-events-none absolute inset-x-0 top-0">
          {tones}
        </div>
        {mounted}
      </VirtualTreeBody>
      <SplitDivider share={treeShare} leftPx={dividerLeft} measureContent={measureRowsContent} onChange={setTreeShare} />
    </div>
  );
}
