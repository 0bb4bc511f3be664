"use client";
// The aligned timeline: like the trace page's (a fixed row height, only the rows in view in the
// DOM, the ARIA tree's keyboard), with A's bar above B's in every row, both on one axis that
// starts at each trace's own start.
import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { findRow, hasViewChildren, type SpanSearch, type TimelineRows, type TraceAlignment } from "@/lib/trace";
import { layoutRulerTicks } from "@/lib/ui/layoutRulerTicks";
import { computeVisibleRange, scrollTopToReveal } from "@/lib/ui/computeVisibleRange";
import { placeComparedRow } from "@/lib/ui/placeComparedRow";
import { resolveTreeKey } from "@/lib/ui/resolveTreeKey";
import { TimeRuler } from "../trace/TimeRuler";
import { NamesHead } from "../trace/NamesHead";
import { usePaintedHits } from "../trace/usePaintedHits";
import { useScrolledRows } from "../trace/useScrolledRows";
import { VirtualTreeBody } from "../trace/VirtualTreeBody";
import { CompareFoldRow } from "./CompareFoldRow";
import { COMPARE_ROW_HEIGHT, CompareRow } from "./CompareRow";

export type CompareTimelineHandle = { revealRow(index: number, focus?: boolean): void };

type Props = {
  alignment: TraceAlignment;
  rows: TimelineRows;
  /** The window shown, in µs after the traces' starts. */
  axis: [number, number];
  /** Both traces' whole length (the longer one). */
  wholeUs: number;
  search: SpanSearch | null;
  selectedIndex: number;
  activeIndex: number;
  onToggle(index: number): void;
  onSelect(index: number): void;
  onActivate(index: number): void;
  onZoom(window: [fromFraction: number, toFraction: number] | null): void;
  handle?: Ref<CompareTimelineHandle>;
};

export function CompareTimeline({
  alignment: al,
  rows,
  axis,
  wholeUs,
  search,
  selectedIndex,
  activeIndex,
  onToggle,
  onSelect,
  onActivate,
  onZoom,
  handle,
}: Props) {
  const { bodyRef, scrollTop, setScrollTop, viewportHeight, setViewportHeight, overscan, reveal, rowsRef } = useScrolledRows(
    rows,
    COMPARE_ROW_HEIGHT,
  );

  const rulerRef = useRef<HTMLDivElement>(null);
  const [rulerWidth, setRulerWidth] = useState(400);
  useLayoutEffect(() => {
    const body = bodyRef.current,
      ruler = rulerRef.current;
    if (!body || !ruler) return;
    const measure = () => {
      setViewportHeight(body.clientHeight);
      setRulerWidth(ruler.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    observer.observe(ruler);
    return () => observer.disconnect();
  }, [bodyRef, setViewportHeight]);

  useImperativeHandle(
    handle,
    () => ({
      revealRow(index: number, focus = false) {
        requestAnimationFrame(() => {
          const row = findRow(rowsRef.current, index);
          const body = bodyRef.current;
          if (row >= 0 && body && scrollTopToReveal(row, body.scrollTop, body.clientHeight, COMPARE_ROW_HEIGHT) !== null) {
            body.scrollTop = Math.max(0, row * COMPARE_ROW_HEIGHT - body.clientHeight / 2);
            setScrollTop(body.scrollTop);
          }
          if (focus) body?.focus({ preventScroll: true });
        });
      },
    }),
    [bodyRef, rowsRef, setScrollTop],
  );

  const activeRow = activeIndex >= 0 ? findRow(rows, activeIndex) : -1;
  const indexAt = (row: number) => rows.view.order[rows.rows[row]!]!;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = resolveTreeKey(
      rows,
      activeRow < 0 ? 0 : activeRow,
      event.key,
      Math.max(1, Math.floor(viewportHeight / COMPARE_ROW_HEIGHT) - 1),
    );
    if (!action) return;
    event.preventDefault();
    const index = indexAt(activeRow < 0 && action.type === "move" ? 0 : action.row);
    if (action.type === "move") {
      onActivate(index);
      reveal(activeRow < 0 ? 0 : action.row);
    } else if (action.type === "toggle") onToggle(index);
    else onSelect(index);
  };

  const paintsHits = usePaintedHits(bodyRef, search);

  const range = computeVisibleRange({ scrollTop, viewportHeight, rowHeight: COMPARE_ROW_HEIGHT, count: rows.count, overscan });
  const mounted = [];
  for (let row = range.first; row < range.end; row++) {
    const v = rows.rows[row]!;
    const r = rows.view.order[v]!;
    if (rows.folded?.[v]) {
      mounted.push(
        <CompareFoldRow
          key={`fold-${r}`}
          row={row}
          index={r}
          rowKey={al.merged.spanId[r]!}
          depth={rows.view.depth[v]!}
          rows={rows.folds!.end[v]! - v}
          pathUs={rows.folds!.pathUs[v]!}
          active={r === activeIndex}
          rowId={`compare-row-${r}`}
          onToggle={onToggle}
        />,
      );
      continue;
    }
    const collapsed = rows.collapsed[v] === 1;
    const bars = placeComparedRow(al, r, collapsed, axis);
    mounted.push(
      <CompareRow
        key={r}
        merged={al.merged}
        row={row}
        index={r}
        depth={rows.view.depth[v]!}
        hasChildren={hasViewChildren(rows.view, v)}
        collapsed={collapsed}
        cls={collapsed ? al.subtreeClass[r]! : al.ownClass[r]!}
        group={al.group[r] === 1}
        aCount={al.aCount[r]!}
        bCount={al.bCount[r]!}
        aBar={bars.a}
        bBar={bars.b}
        aUs={collapsed ? al.aSubtreeUs[r]! : al.aUs[r]!}
        bUs={collapsed ? al.bSubtreeUs[r]! : al.bUs[r]!}
        hiddenRows={rows.view.subtreeEnd[v]! - v - 1}
        matches={rows.view.matches !== null && rows.view.matches[r] === 1}
        selected={r === selectedIndex}
        active={r === activeIndex}
        search={paintsHits ? null : search}
        rowId={`compare-row-${r}`}
        onToggle={onToggle}
        onSelect={onSelect}
      />,
    );
  }

  const durationUs = axis[1] - axis[0];
  const ruler = useMemo(() => layoutRulerTicks(durationUs, axis[0]), [durationUs, axis]);
  const zoomed = axis[0] > 0 || axis[1] < wholeUs;
  const zoomTo = useCallback((from: number, to: number) => onZoom([from, to]), [onZoom]);
  const resetZoom = useCallback(() => onZoom(null), [onZoom]);
  const activeMounted = activeRow >= range.first && activeRow < range.end;

  return (
    <div
      className="compare-timeline flex min-h-0 flex-col overflow-hidden rounded border border-zinc-200 dark:border-zinc-800"
      style={{
        ...ruler.gridAt(rulerWidth),
        height: "max(24rem, calc(100vh - 17rem))",
      }}
      data-testid="compare-timeline"
    >
      <div
        className="compare-grid shrink-0 items-center border-b border-l-4 border-l-transparent border-zinc-200 bg-zinc-50 text-[11px] font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
        style={{ height: 36, scrollbarGutter: "stable", overflowY: "hidden" }}
      >
        <NamesHead label="Service / request, SQL or function" zoomed={zoomed} onResetZoom={resetZoom} />
        <div ref={rulerRef} className="h-full">
          <TimeRuler sets={ruler.sets} zoomed={zoomed} onZoom={zoomTo} />
        </div>
        <div className="compare-wide-only pl-1 text-right">A ms</div>
        <div className="compare-wide-only pl-1 text-right">B ms</div>
        <div className="pl-1 pr-2 text-right">B − A</div>
      </div>
      <VirtualTreeBody
        bodyRef={bodyRef}
        label="Spans of both traces, aligned"
        activeId={activeMounted ? `compare-row-${activeIndex}` : undefined}
        rowCount={rows.count}
        rowHeight={COMPARE_ROW_HEIGHT}
        testId="compare-body"
        empty="No rows to show: every span is hidden by the filters above."
        onKeyDown={onKeyDown}
        onFirstFocus={() => {
          if (activeRow < 0 && rows.count > 0) onActivate(indexAt(0));
        }}
        onScrollTop={setScrollTop}
      >
        {mounted}
      </VirtualTreeBody>
    </div>
  );
}
