// Where a timeline row shows its text from, so that a search hit its name cell would clip is seen
// (lib/ui/chooseShownWindow.ts). The cell's width comes from the names column, measured once per
// resize by the timeline; the row's own share of it is worked out here, nothing measured per row.
import { SpanFlag, type SpanSearch, type TimelineRows, type Trace } from "@/lib/trace";
import { chooseRowShownFrom } from "@/lib/ui/chooseShownWindow";
import { TIMELINE_WIDE_MIN_REM } from "@/lib/ui/timelineColumns";
import { countRowBadges } from "./TimelineRow";
import { treeIndentPx } from "./TreeIndent";

/** The names column as measured: its width, and whether names are shown before details (no name column of their own). */
export type NamesColumn = { columnPx: number; namePrefixed: boolean };

/** The toggle (16 px), the gap after it (4) and the cell's right padding (8). */
const CELL_CHROME_PX = 28;
/** The error mark ("!") and its gap. */
const ERROR_MARK_PX = 18;
/** A badge after the name, with its gap: more than most take ("async", "+12"), so a hit judged in view is. */
const BADGE_PX = 48;
/** With badges after it the name keeps 40% of the cell (TimelineRow's min-w-[40%]). */
const NAME_MIN_SHARE = 0.4;

/** The names column of a timeline `rootPx` wide whose names column is `columnPx`, in a page whose rem is `remPx`. */
export function readNamesColumn(columnPx: number, rootPx: number, remPx: number, wideColumns: boolean): NamesColumn {
  return { columnPx, namePrefixed: !wideColumns || rootPx < TIMELINE_WIDE_MIN_REM * remPx };
}

/**
 * Where matching rows show their text from, per span, for one rows object (a keystroke or a
 * filter makes a new one), search and column: worked out once, not again at every scroll (a
 * regex over 150 rows' 4,000-character statements takes ~5 ms).
 */
const cache = new WeakMap<TimelineRows, { search: SpanSearch | null; column: NamesColumn | null; from: Map<number, number> }>();

/** 0 for a row whose hit is in view (or none), else where its text is shown from; the row at view position `v` of `rows`. */
export function rowShownFrom(
  trace: Trace,
  rows: TimelineRows,
  v: number,
  overlay: { hiddenSpans: number; hiddenErrors: number },
  column: NamesColumn | null,
  search: SpanSearch | null,
): number {
  if (column === null || search === null || search.text === "") return 0;
  let entry = cache.get(rows);
  if (entry === undefined || entry.search !== search || entry.column !== column) {
    entry = { search, column, from: new Map() };
    cache.set(rows, entry);
  }
  const i = rows.view.order[v]!;
  let from = entry.from.get(i);
  if (from === undefined) {
    from = workOutShownFrom(trace, i, rows.view.depth[v]!, rows.collapsed[v] === 1, overlay, column, search);
    entry.from.set(i, from);
  }
  return from;
}

function workOutShownFrom(
  trace: Trace,
  i: number,
  depth: number,
  collapsed: boolean,
  overlay: { hiddenSpans: number; hiddenErrors: number },
  column: NamesColumn,
  search: SpanSearch,
): number {
  const s = trace.strings;
  const error = (trace.flags[i]! & SpanFlag.ERROR) !== 0;
  const free = column.columnPx - treeIndentPx(depth, column.columnPx) - CELL_CHROME_PX - (error ? ERROR_MARK_PX : 0);
  const badges = countRowBadges(trace, i, collapsed, overlay.hiddenSpans, overlay.hiddenErrors);
  const textPx = badges === 0 ? free : Math.max(free - badges * BADGE_PX, Math.min(free, NAME_MIN_SHARE * column.columnPx));
  const detail = trace.detail[i]! >= 0 ? s[trace.detail[i]!]! : null;
  return chooseRowShownFrom({ name: s[trace.name[i]!]!, detail, namePrefixed: column.namePrefixed, textPx }, search);
}
