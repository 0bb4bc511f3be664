// One aligned row: the call (as B has it, or A for a row only in A), A's bar above B's on one
// axis, and the two times with their difference. Props are primitives plus objects that stay the
// same between renders, so scrolling re-renders only new rows.
import { memo } from "react";
import type { SpanSearch, Trace } from "@/lib/trace";
import { clipText } from "@/lib/ui/clipText";
import { compareClassOf } from "@/lib/ui/compareClasses";
import { formatCount } from "@/lib/ui/formatCount";
import { formatMs } from "@/lib/ui/formatDuration";
import { RowText } from "../trace/HighlightedText";
import { rowTone } from "../trace/rowTone";
import { TreeIndent, treeIndent } from "../trace/TreeIndent";

export const COMPARE_ROW_HEIGHT = 28;

export type CompareRowProps = {
  merged: Trace;
  row: number;
  /** Row of the alignment (the merged trace's span index). */
  index: number;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** Class shown: the subtree's when collapsed, the row's own otherwise. */
  cls: number;
  group: boolean;
  aCount: number;
  bCount: number;
  aBar: [number, number] | null;
  bBar: [number, number] | null;
  aUs: number;
  bUs: number;
  hiddenRows: number;
  matches: boolean;
  selected: boolean;
  active: boolean;
  search: SpanSearch | null;
  rowId: string;
  onToggle(index: number): void;
  onSelect(index: number): void;
};

export const CompareRow = memo(function CompareRow(props: CompareRowProps) {
  const { merged, row, index: r, depth, hasChildren, collapsed, cls, group, aBar, bBar, aUs, bUs, search } = props;
  const s = merged.strings;
  const name = s[merged.name[r]!]!;
  const detail = merged.detail[r]! >= 0 ? s[merged.detail[r]!]! : null;
  const service = s[merged.service[r]!]!;
  const look = compareClassOf(cls);
  const deltaUs = bUs - aUs;
  const tone = rowTone(row, props.selected, false, props.matches);
  return (
    <div
      role="treeitem"
      id={props.rowId}
      aria-level={depth + 1}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-selected={props.selected}
      data-row-id={merged.spanId[r]}
      data-class={look.key}
      data-row={row}
      data-match={props.matches ? "1" : undefined}
      onClick={() => props.onSelect(r)}
      className={`compare-grid absolute left-0 right-0 top-0 cursor-pointer items-center border-l-4 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800/70 ${tone} ${props.active ? "outline outline-2 -outline-offset-2 outline-sky-500" : ""}`}
      style={{
        height: COMPARE_ROW_HEIGHT,
        transform: `translateY(${row * COMPARE_ROW_HEIGHT}px)`,
        borderLeftColor: look.color,
      }}
      title={`${look.label}: ${look.title}`}
    >
      <div className="flex min-w-0 items-center gap-1 pr-2" style={{ paddingLeft: treeIndent(depth) }}>
        <TreeIndent depth={depth} hasChildren={hasChildren} collapsed={collapsed} onToggle={() => props.onToggle(r)} />
        {group && (
          <span
            className="shrink-0 rounded px-1 text-[10px] font-semibold tabular-nums text-white"
            style={{ backgroundColor: look.color }}
            data-testid="group-count"
            title={`${props.aCount || props.bCount} more calls of this kind ${props.aCount ? "in A" : "in B"}, grouped`}
          >
            {props.aCount ? `−${props.aCount}` : `+${props.bCount}`} ×
          </span>
        )}
        <span className="truncate" title={detail ?? name} data-hit-text data-testid="compare-row-name">
          {/* Not on a phone, where the service before it left the call itself no room at all. */}
          <span className="compare-wide-only mr-1 text-zinc-500 dark:text-zinc-400" data-hit-text>
            <RowText text={clipText(service)} search={search} />
          </span>
          <RowText text={clipText(detail ?? name)} search={search} />
        </span>
        {collapsed && !group && props.hiddenRows > 0 && (
          <span
            className="shrink-0 rounded bg-zinc-200 px-1 text-[10px] tabular-nums text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"
            title={`${props.hiddenRows} rows hidden under this collapsed row`}
            data-testid="hidden-count"
          >
            +{formatCount(props.hiddenRows)}
          </span>
        )}
      </div>
      <div className="timeline-bar-cell relative h-full overflow-hidden">
        {aBar && (
          <div
            className="absolute top-[4px] h-[8px] rounded-sm bg-zinc-600 dark:bg-zinc-300"
            style={{ left: `${aBar[0] * 100}%`, width: `max(1px, ${aBar[1] * 100}%)` }}
            data-testid="bar-a"
            title="A"
          />
        )}
        {bBar && (
          <div
            className="absolute bottom-[4px] h-[8px] rounded-sm"
            style={{ left: `${bBar[0] * 100}%`, width: `max(1px, ${bBar[1] * 100}%)`, backgroundColor: look.color }}
            data-testid="bar-b"
            title="B"
          />
        )}
      </div>
      {/* Both times give way on a phone (app/globals.css, .compare-grid). */}
      <div className="compare-wide-only pl-1 text-right tabular-nums text-zinc-600 dark:text-zinc-400">{formatMs(aUs)}</div>
      <div className="compare-wide-only pl-1 text-right tabular-nums">{formatMs(bUs)}</div>
      <div className="pl-1 pr-2 text-right font-medium tabular-nums" style={{ color: Number.isFinite(deltaUs) ? look.color : undefined }}>
        {Number.isFinite(deltaUs) ? `${deltaUs > 0 ? "+" : ""}${formatMs(deltaUs)}` : look.key === "new" ? "new" : "missing"}
      </div>
    </div>
  );
});
