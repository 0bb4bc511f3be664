// A fold of "critical path only" over two traces aligned (lib/trace/alignCriticalPaths,
// findPathFolds): a run of sibling rows that together carry a sliver of either trace's path,
// shown as one row so that the rows which carry the time reach the first screen. A click (or
// Enter, Space, right arrow) opens it, through the timeline's toggle.
import { memo } from "react";
import { formatCount } from "@/lib/ui/formatCount";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { FoldNameCell } from "../trace/TimelineFoldRow";
import { COMPARE_ROW_HEIGHT } from "./CompareRow";

type Props = {
  row: number;
  /** The fold's first row (its id opens it). */
  index: number;
  rowKey: string;
  depth: number;
  rows: number;
  /** The rows' time on the paths (each row's larger of A's and B's). */
  pathUs: number;
  active: boolean;
  rowId: string;
  onToggle(index: number): void;
};

export const CompareFoldRow = memo(function CompareFoldRow(props: Props) {
  const { row, index: r, depth, rows, pathUs } = props;
  const label = `${formatCount(rows)} rows, ${formatDurationUs(pathUs)} of the paths`;
  return (
    <div
      role="treeitem"
      id={props.rowId}
      aria-level={depth + 1}
      aria-expanded={false}
      aria-selected={false}
      data-row-id={props.rowKey}
      data-row={row}
      data-fold="1"
      onClick={() => props.onToggle(r)}
      className={`compare-grid absolute left-0 right-0 top-0 cursor-pointer items-center border-l-4 border-l-transparent text-xs italic text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800/70 ${props.active ? "outline outline-2 -outline-offset-2 outline-sky-500" : ""}`}
      style={{ height: COMPARE_ROW_HEIGHT, transform: `translateY(${row * COMPARE_ROW_HEIGHT}px)` }}
      title={`${label}: rows on the critical path of A or of B that together carry under 1% of the longer trace's time, folded. Click to show them.`}
    >
      <FoldNameCell depth={depth} label={label} onToggle={() => props.onToggle(r)} />
      <div />
      <div className="compare-wide-only" />
      <div className="compare-wide-only" />
      <div />
    </div>
  );
});
