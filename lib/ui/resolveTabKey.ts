// The WAI-ARIA tabs pattern's keys (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): the tab list
// is one tab stop, and within it the arrows move to the previous or next tab (wrapping around),
// Home and End to the first and last. A tab is selected as it gets the focus.

/** The tab a key on tab `index` of `count` moves to, or null when the key is not one of the list's. */
export function resolveTabKey(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
