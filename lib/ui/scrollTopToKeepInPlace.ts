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

  let row = findRow(after, span);
  while (row < 0) {
    span = trace.parent[span]!;
    if (span < 0) return null;
    row = findRow(after, span);
    const was = findRow(before, span);
    if (row >= 0 && onScreen(was)) offset = was * rowHeight - scrollTop;
  }

  const max = Math.max(0, after.count * rowHeight - viewportHeight);
  const kept = Math.min(max, Math.max(0, row * rowHeight - offset));
  return kept === scrollTop ? null : kept;
}
