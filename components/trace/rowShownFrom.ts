// Where a timeline row shows its text from, so that a search hit its name cell would clip is seen
// (lib/ui/chooseShownWindow.ts). The cell's width comes from the names column, measured once per
// resize by the timeline; the row's own share of it is worked out here, nothing measured per row.
import { SpanFlag, type SpanSearch, type Trace } from "@/lib/trace";
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

type RowPlace = { depth: number; collapsed: boolean; hiddenSpans: number; hiddenErrors: number };

/** 0 for a row that does not match, or whose hit is in view; else where its text is shown from. */
export function rowShownFrom(trace: Trace, i: number, row: RowPlace, column: NamesColumn | null, search: SpanSearch | null): number {
  if (column === null || search === null || search.text === "") return 0;
  const s = trace.strings;
  const error = (trace.flags[i]! & SpanFlag.ERROR) !== 0;
  const free = column.columnPx - treeIndentPx(row.depth, column.columnPx) - CELL_CHROME_PX - (error ? ERROR_MARK_PX : 0);
  const badges = countRowBadges(trace, i, row.collapsed, row.hiddenSpans, row.hiddenErrors);
  const textPx = badges === 0 ? free : Math.max(free - badges * BADGE_PX, Math.min(free, NAME_MIN_SHARE * column.columnPx));
  const detail = trace.detail[i]! >= 0 ? s[trace.detail[i]!]! : null;
  return chooseRowShownFrom({ name: s[trace.name[i]!]!, detail, namePrefixed: column.namePrefixed, textPx }, search);
}
