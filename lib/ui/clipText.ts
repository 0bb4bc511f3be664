// Row cells cut their text with a CSS ellipsis, yet the browser still shapes the whole string
// on every layout, and a search marks hits all along it: with 1-20 KB SQL statements on the
// rows of a DB-heavy trace, that made each layout of the timeline cost 10-20 ms. A row gets
// only as much text as a cell can show; the whole text stays in its title and in the details
// panel.

/**
 * About twice what the widest tree cell shows (~700 px on a 120rem page without the details
 * panel, 12 px text at 6-7 px per character). A clipped text ends in "…" itself, so even a cell
 * wide enough to show all of it says that the text goes on.
 */
export const ROW_TEXT_MAX = 200;

/** The text, or its first `max` characters and "…" (never splitting a surrogate pair). */
export function clipText(text: string, max = ROW_TEXT_MAX): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
