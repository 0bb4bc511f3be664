/**
 * A timeline row's background by its state: the selected row, a highlighted one (a DB statement's
 * calls), a search match, else the zebra tone of odd rows. One set of tones for the trace's
 * timeline (drawn in its tone layer, TimelineRowTone) and the comparison's rows (drawn by the row).
 */
export function rowTone(row: number, selected: boolean, highlighted: boolean, matches: boolean): string {
  return selected
    ? "bg-sky-100 dark:bg-sky-900/50"
    : highlighted
      ? "bg-violet-100 dark:bg-violet-900/40"
      : matches
        ? "bg-amber-50 dark:bg-amber-900/25"
        : row % 2
          ? "bg-zinc-50/60 dark:bg-zinc-900/40"
          : "";
}
