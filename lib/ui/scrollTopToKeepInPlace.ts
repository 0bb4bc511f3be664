// When the timeline's rows change under the reader (a filter such as "Hide DB spans" or "Only
// matches", a collapse, an expand), the row they were looking at stays where it was on screen,
// as jaeger-ui and Chrome DevTools' performance panel keep it. A few binary searches and a walk up
// one span's ancestors: never a pass over the rows.
import { findRow, type TimelineRows } from "../trace";

export type KeepInPlaceInput = {
  /** The rows as they were drawn, and the rows now. */
  before: TimelineRows;
  after: TimelineRows;
  /** Where the body was scrolled over `before`, and how tall it is. */
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  /** The selected span (trace position), or -1. */
  selectedIndex: number;
};

/**
 * The scrollTop over `after` that keeps in place, in this order: the selected row when it was on
 * screen, else the top row on screen. When that span has no row any more (hidden by a filter,
 * inside a collapsed subtree), its nearest ancestor with a row takes its place: where that
 * ancestor was on screen, or where the span was. Null when nothing needs to move (or nothing
 * on screen has a row any more, or the rows are another trace's).
 */
export function scrollTopToKeepInPlace(input: KeepInPlaceInput): number | null {
  const { before, after, scrollTop, viewportHeight, rowHeight, selectedIndex } = input;
  const trace = after.view.trace;
  if (before.view.trace !== trace || before.count === 0 || after.count === 0 || !(rowHeight > 0)) return null;
  const onScreen = (row: number) => row >= 0 && (row + 1) * rowHeight > scrollTop && row * rowHeight < scrollTop + viewportHeight;

  let span = -1,
    offset = 0;
  const selectedRow = selectedIndex >= 0 ? findRow(before, selectedIndex) : -1;
  if (onScreen(selectedRow)) {
    span = selectedIndex;
    offset = selectedRow * rowHeight - scrollTop;
  } else {
    const top = Math.min(before.count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
    span = before.view.order[before.rows[top]!]!;
    offset = top * rowHeight - scrollTop;
  }

  const shown = rowShowing(after, span);
  if (!shown) return null;
  const row = shown.row;
  if (shown.span !== span) {
    const was = findRow(before, shown.span);
    if (onScreen(was)) offset = was * rowHeight - scrollTop;
  }

  const max = Math.max(0, after.count * rowHeight - viewportHeight);
  const kept = Math.min(max, Math.max(0, row * rowHeight - offset));
  return kept === scrollTop ? null : kept;
}

/** The row that shows a span: its own, or its nearest ancestor's with a row (hidden by a filter, or inside a collapsed subtree). */
function rowShowing(rows: TimelineRows, spanIndex: number): { row: number; span: number } | null {
  const { view } = rows;
  let span = spanIndex;
  while (span >= 0 && view.position[span]! < 0) span = view.trace.parent[span]!;
  if (span < 0) return null;
  // Rows are view positions in pre-order, a collapsed span's subtree left out: the last row at or
  // before the span's position is the span itself, or the collapsed ancestor it is inside.
  const v = view.position[span]!;
  let lo = 0,
    hi = rows.count - 1,
    row = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rows.rows[mid]! <= v) {
      row = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return row < 0 ? null : { row, span: view.order[rows.rows[row]!]! };
}
