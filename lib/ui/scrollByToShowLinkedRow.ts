// How far a span link scrolls the window as the page opens, so that its selected row and the
// span's details are on the first screen. On a phone (390x844) the header, the findings and the
// toolbar fill most of that screen: the box with the timeline and, under it, the details started
// at its bottom edge, the row on the edge or below it and the details out of sight. The box is
// brought up as far as its bottom meets the window's, never past its own top, and always far
// enough for the whole row. Where the row is on screen and the details are beside the timeline
// (a laptop), or the whole box is on screen already, nothing moves.

export type WindowSpan = { top: number; bottom: number };

/** Pixels to scroll the window down by (window coordinates in, as getBoundingClientRect gives), or null to leave it. */
export function scrollByToShowLinkedRow({
  row,
  timelineBottom,
  box,
  windowHeight,
}: {
  /** The selected row, where the timeline's body has scrolled it. */
  row: WindowSpan;
  /** The timeline's own bottom: above the box's when the details are under it. */
  timelineBottom: number;
  /** The timeline and the details beside or under it. */
  box: WindowSpan;
  windowHeight: number;
}): number | null {
  const detailsUnder = box.bottom > timelineBottom + 1;
  if (row.bottom <= windowHeight && (!detailsUnder || box.bottom <= windowHeight)) return null;
  const boxUp = Math.min(box.bottom - windowHeight, box.top);
  // The row may sit low in a box taller than the window: up far enough for it, not past its top.
  const by = Math.ceil(Math.min(Math.max(boxUp, row.bottom - windowHeight), row.top));
  return by > 0 ? by : null;
}
