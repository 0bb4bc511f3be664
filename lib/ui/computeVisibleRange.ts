// The virtualized timeline mounts only the rows in the viewport plus a few on each side, never
// more than MAX_MOUNTED_ROWS whatever the trace or screen size.

export const MAX_MOUNTED_ROWS = 150;

export type VisibleRange = {
  /** First mounted row. */
  first: number;
  /** One past the last mounted row. */
  end: number;
};

export function computeVisibleRange(options: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  overscan?: number;
  maxRows?: number;
}): VisibleRange {
  const { rowHeight, count, overscan = 10, maxRows = MAX_MOUNTED_ROWS } = options;
  if (count <= 0 || !(rowHeight > 0)) return { first: 0, end: 0 };
  const scrollTop = Math.max(0, options.scrollTop);
  const viewportHeight = Math.max(0, options.viewportHeight);
  const top = Math.min(count - 1, Math.floor(scrollTop / rowHeight));
  const bottom = Math.min(count, Math.max(top + 1, Math.ceil((scrollTop + viewportHeight) / rowHeight)));
  const first = Math.max(0, top - overscan);
  const end = Math.min(count, bottom + overscan, first + maxRows);
  return { first, end };
}

/** The scrollTop that brings `row` fully into view, or null when it already is. */
export function scrollTopToReveal(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight);
  return null;
}

/**
 * When the timeline's body changes height (on a narrow screen the details panel opens under it and
 * takes most of it), the scrollTop that keeps the selected row in view if it was in view at the old
 * height, or null. A row the reader had scrolled away from is left where it is.
 */
export function scrollTopToKeepSelectedInView(options: {
  row: number;
  scrollTop: number;
  heightBefore: number;
  heightAfter: number;
  rowHeight: number;
}): number | null {
  const { row, scrollTop, heightBefore, heightAfter, rowHeight } = options;
  if (row < 0 || heightAfter === heightBefore) return null;
  if (scrollTopToReveal(row, scrollTop, heightBefore, rowHeight) !== null) return null;
  return scrollTopToReveal(row, scrollTop, heightAfter, rowHeight);
}
