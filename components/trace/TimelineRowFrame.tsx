// The outer element of a timeline row, shared by a span's row and a fold's (TimelineRow renders
// both): the tree item, its place in the virtual body, its outline when active.
import type { CSSProperties, ReactElement, ReactNode } from "react";

export const ROW_HEIGHT = 24;

export type RowFrame = {
  rowId: string;
  row: number;
  depth: number;
  /** aria-expanded: undefined for a row with nothing under it. */
  expanded: boolean | undefined;
  selected: boolean;
  active: boolean;
  spanId: string;
  /** Classes beside the frame's own. */
  className: string;
  /** The row's edge: its service's color, or transparent. */
  borderLeftColor: string;
  onClick(): void;
  highlighted?: boolean;
  /** A fold row's (data-fold="1"). */
  fold?: boolean;
  title?: string;
};

/**
 * The row's element around its cells (the grid's columns). A plain function, not a component:
 * a mounted row stays one component (memoized on its primitive props), with no fiber more to
 * render per row and per change.
 */
export function renderRowFrame(frame: RowFrame, cells: ReactNode): ReactElement {
  const style: CSSProperties = {
    height: ROW_HEIGHT,
    transform: `translateY(${frame.row * ROW_HEIGHT}px)`,
    borderLeftColor: frame.borderLeftColor,
  };
  return (
    <div
      role="treeitem"
      id={frame.rowId}
      aria-level={frame.depth + 1}
      aria-expanded={frame.expanded}
      aria-selected={frame.selected}
      data-span-id={frame.spanId}
      data-row={frame.row}
      data-highlighted={frame.highlighted ? "1" : undefined}
      data-fold={frame.fold ? "1" : undefined}
      title={frame.title}
      onClick={frame.onClick}
      className={`timeline-grid timeline-row absolute left-0 right-0 top-0 cursor-pointer border-l-4 text-xs ${frame.active ? "outline outline-2 -outline-offset-2 outline-sky-500" : ""} ${frame.className}`}
      style={style}
    >
      {cells}
    </div>
  );
}
