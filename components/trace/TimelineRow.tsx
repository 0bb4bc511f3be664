// One row of the virtualized timeline. Props are primitives plus a few objects that stay the
// same between renders (trace, search, callbacks), so scrolling re-renders only new rows, and a
// search keystroke almost none: what a search changes is the row's tone (TimelineRowTone, which
// also carries the match flag) and its hits (painted from ranges), neither of them the row's
// props; only a row whose hit lies past its name cell's edge re-renders, to show its text from
// the hit (`shownFrom`, lib/ui/chooseShownWindow.ts), and only when that hit moves.
import { memo, type CSSProperties, type ReactElement, type ReactNode } from "react";
import { measureAsyncTail, SpanFlag, type SpanSearch, type Trace } from "@/lib/trace";
import { showTextFrom } from "@/lib/ui/chooseShownWindow";
import { clipText } from "@/lib/ui/clipText";
import { formatCount } from "@/lib/ui/formatCount";
import { formatDurationUs, formatMs } from "@/lib/ui/formatDuration";
import { RowText } from "./HighlightedText";
import { TreeIndent, treeIndent } from "./TreeIndent";

export const ROW_HEIGHT = 24;

export type TimelineRowProps = {
  trace: Trace;
  row: number;
  spanIndex: number;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  highlighted: boolean;
  selected: boolean;
  active: boolean;
  barStart: number;
  barWidth: number;
  /** The critical path's pieces in this row (a CSS gradient, see lib/ui/criticalStripe), or null. */
  criticalStripe: string | null;
  /** A collapsed row's subtree extent as fractions of the axis (NaN when not collapsed), and what it hides. */
  subtreeStart: number;
  subtreeWidth: number;
  hiddenSpans: number;
  hiddenErrors: number;
  color: string;
  /** For `<mark>`ed hits; null where the timeline paints them as a custom highlight instead. */
  search: SpanSearch | null;
  /** Where the detail (else the name) is shown from, after a "…": 0, or where the search's hit would be clipped (chooseRowShownFrom). */
  shownFrom: number;
  /** Whether the type, project and host cells are rendered (only where the wide layout can show them: lib/ui/timelineColumns). */
  wideColumns: boolean;
  rowId: string;
  onToggle(spanIndex: number): void;
  onSelect(spanIndex: number): void;
};

export const TimelineRow = memo(function TimelineRow(props: TimelineRowProps) {
  const {
    trace,
    row,
    spanIndex: i,
    depth,
    hasChildren,
    collapsed,
    highlighted,
    selected,
    active,
    barStart,
    barWidth,
    color,
    search,
    shownFrom,
    wideColumns,
  } = props;
  const { criticalStripe, subtreeStart, subtreeWidth, hiddenSpans, hiddenErrors } = props;
  const s = trace.strings;
  const name = s[trace.name[i]!]!;
  const detail = trace.detail[i]! >= 0 ? s[trace.detail[i]!]! : null;
  const shownName = clipText(name);
  const shownMain = showTextFrom(detail ?? name, shownFrom);
  const project = s[trace.project[i]!]!;
  const service = s[trace.service[i]!]!;
  const host = s[trace.host[i]!]!;
  const flags = trace.flags[i]!;
  const error = flags & SpanFlag.ERROR ? (s[trace.errorType[i]!] ?? "error") : null;
  const unfinished = (flags & SpanFlag.UNFINISHED) !== 0;
  const noStart = (flags & SpanFlag.NO_START) !== 0;
  const isAsync = (flags & SpanFlag.ASYNC) !== 0;
  const skewed = (flags & SpanFlag.SKEW) !== 0;
  const durationUs = trace.stopUs[i]! - trace.startUs[i]!;
  // What a collapsed row hides may run on long after the span itself ended (a cast's client span
  // is a sliver; the work it started, seconds): said in numbers, not only by the light bar.
  const hiddenTailUs = collapsed ? measureAsyncTail(trace, i) : 0;
  const orphan = (flags & SpanFlag.ORPHAN) !== 0;
  const badged = countRowBadges(trace, i, collapsed, hiddenSpans, hiddenErrors) > 0;

  return renderRowFrame(
    {
      rowId: props.rowId,
      row,
      depth,
      expanded: hasChildren ? !collapsed : undefined,
      selected,
      active,
      spanId: trace.spanId[i]!,
      className: "",
      borderLeftColor: color,
      onClick: () => props.onSelect(i),
      highlighted,
    },
    <>
      <div className="flex min-w-0 items-center overflow-hidden gap-1 pr-2" style={{ paddingLeft: treeIndent(depth) }}>
        <TreeIndent depth={depth} hasChildren={hasChildren} collapsed={collapsed} onToggle={() => props.onToggle(i)} />
        {error !== null && (
          <span className="shrink-0 rounded bg-red-600 px-1 text-[10px] font-semibold text-white" title={`raised ${error}`}>
            !
          </span>
        )}
        {/* With badges after it, the name keeps 40% of the cell: the badges take their short forms in a narrow timeline, and what still does not fit is clipped. */}
        {/* Laid out in its text's direction (dir="auto"), so Hebrew or Arabic starts at the right and
            is clipped at its end, where chooseShownFrom expects it; the name before it is isolated
            (its own dir="auto"), so neither is reordered with the other, and only this cell turns:
            the toggle and badges are items of the row's left-to-right flex. text-left keeps a short
            one beside the toggle, as every row's is; one too long for the cell starts at its own
            start edge whatever the alignment. */}
        <span
          dir="auto"
          className={`truncate text-left ${badged ? "min-w-[40%]" : ""}`}
          title={detail ?? name}
          data-hit-text
          data-testid="row-name"
        >
          {detail !== null && (
            <span dir="auto" className="timeline-narrow-only text-zinc-500 dark:text-zinc-400" data-hit-text>
              <RowText text={shownName} search={search} />
            </span>
          )}
          {/* The gap after the name: a space, on whichever side the cell's direction puts the text
              (the name's own margins would follow the name's direction); where the name is not
              shown, a space that starts the line is not drawn. */}
          {detail !== null && " "}
          <RowText text={shownMain} search={search} />
        </span>
        {collapsed && hiddenSpans > 0 && (
          <span
            className="shrink-0 rounded bg-zinc-200 px-1 text-[10px] tabular-nums text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"
            title={`${hiddenSpans} spans hidden under this collapsed row`}
            data-testid="hidden-count"
          >
            +{formatCount(hiddenSpans)}
          </span>
        )}
        {collapsed && hiddenErrors > 0 && (
          <span
            className="shrink-0 rounded bg-red-600 px-1 text-[10px] font-semibold text-white"
            title={`${hiddenErrors} hidden span${hiddenErrors === 1 ? "" : "s"} below raised`}
            data-testid="hidden-error"
          >
            ! {hiddenErrors}
          </span>
        )}
        {hiddenTailUs > 0 && (
          <span
            className="shrink-0 text-[10px] tabular-nums text-sky-700 dark:text-sky-400"
            title={`what it started went on for ${formatDurationUs(hiddenTailUs)} after it ended (RPC casts or spawned work): ${formatDurationUs(trace.subtreeStopUs[i]! - trace.subtreeStartUs[i]!)} in all`}
            data-testid="hidden-tail"
          >
            <span className="timeline-long-form">async </span>+{formatDurationUs(hiddenTailUs)}
          </span>
        )}
        {isAsync && (
          <span
            className="shrink-0 text-[10px] text-sky-700 dark:text-sky-400"
            title="ends after its caller ended: an RPC cast or spawned work that outlived it"
          >
            async
          </span>
        )}
        {skewed && (
          <span
            className="shrink-0 text-[10px] text-amber-700 dark:text-amber-400"
            title="starts before its caller, or stops before it starts: host clocks differ (see the header)"
          >
            skew
          </span>
        )}
        {unfinished && (
          <span className="shrink-0 text-[10px] text-amber-700 dark:text-amber-400" title="no stop arrived: the end is unknown">
            unfinished
          </span>
        )}
        {noStart && (
          <span className="shrink-0 text-[10px] text-amber-700 dark:text-amber-400" title="no start arrived: the beginning is unknown">
            no start
          </span>
        )}
        {orphan ? (
          <span className="shrink-0 text-[10px] text-amber-700 dark:text-amber-400" title="its parent is not in this trace">
            orphan
          </span>
        ) : null}
      </div>
      <div className="timeline-bar-cell relative h-full overflow-hidden">
        {!Number.isNaN(subtreeStart) && (
          <div
            className="absolute bottom-1 top-1 rounded-sm opacity-30"
            style={{ left: `${subtreeStart * 100}%`, width: `max(1px, ${subtreeWidth * 100}%)`, backgroundColor: color }}
            title="what this collapsed row hides runs over this extent"
            data-testid="subtree-bar"
          />
        )}
        <div
          className={`absolute bottom-1 top-1 rounded-sm ${unfinished ? "bar-open-end" : ""} ${noStart ? "bar-open-start" : ""} ${error !== null ? "ring-2 ring-red-600" : ""}`}
          style={{ left: `${barStart * 100}%`, width: `${barWidth * 100}%`, backgroundColor: color }}
        />
        {criticalStripe !== null && (
          <div
            aria-hidden
            className="absolute inset-x-0 bottom-0 h-[3px] text-zinc-900 dark:text-zinc-50"
            style={{ backgroundImage: criticalStripe }}
            data-testid="critical-stripe"
          />
        )}
      </div>
      {wideColumns && (
        <div dir="auto" className="timeline-wide-only truncate px-1 text-left text-zinc-700 dark:text-zinc-300" data-hit-text>
          <RowText text={shownName} search={search} />
        </div>
      )}
      {wideColumns && (
        <div className="timeline-wide-only truncate px-1 text-zinc-700 dark:text-zinc-300" data-hit-text>
          <RowText text={project} search={search} />
        </div>
      )}
      <div className="timeline-medium flex min-w-0 items-center gap-1 px-1">
        <span aria-hidden className="inline-block h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: color }} />
        <span className="truncate" title={`${project} / ${service} on ${host}`} data-hit-text>
          <span className="timeline-narrow-only text-zinc-500 dark:text-zinc-400">
            <span data-hit-text>
              <RowText text={project} search={search} />
            </span>
            {/* One text node, not three: each is a layout object that every new row builds in the click's layout (docs/benchmarks.md §86). */}
            {" / "}
          </span>
          <RowText text={service} search={search} />
        </span>
      </div>
      {wideColumns && (
        <div className="timeline-wide-only truncate px-1 text-zinc-600 dark:text-zinc-400" data-hit-text>
          <RowText text={host} search={search} />
        </div>
      )}
      <div
        className="pl-1 pr-2 text-right tabular-nums"
        title={unfinished || noStart ? "a start or stop is missing: at least this long" : undefined}
      >
        {unfinished || noStart ? (durationUs > 0 ? `≥ ${formatMs(durationUs)}` : "?") : formatMs(durationUs)}
      </div>
    </>,
  );
});

const BADGE_FLAGS = [SpanFlag.ASYNC, SpanFlag.SKEW, SpanFlag.UNFINISHED, SpanFlag.NO_START, SpanFlag.ORPHAN];

/** How many badges follow the row's name (hidden spans and errors, async tail, async, skew, unfinished, no start, orphan). */
export function countRowBadges(trace: Trace, i: number, collapsed: boolean, hiddenSpans: number, hiddenErrors: number): number {
  const flags = trace.flags[i]!;
  let flagged = 0;
  for (const flag of BADGE_FLAGS) if (flags & flag) flagged++;
  if (!collapsed) return flagged;
  return flagged + (hiddenSpans > 0 ? 1 : 0) + (hiddenErrors > 0 ? 1 : 0) + (measureAsyncTail(trace, i) > 0 ? 1 : 0);
}

/** What a span's row and a fold's row (TimelineFoldRow) share: the tree item, its place, its outline when active. */
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
 * The outer element of a timeline row around its cells (the grid's columns). A plain function,
 * not a component: a mounted row stays one component (memoized on its primitive props), with no
 * fiber more to render per row and per change.
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

/**
 * A row's background (rowTone), drawn under the row in the timeline's tone layer
 * (`.timeline-tones`), not by the row: a search keystroke that tints every mounted row then
 * repaints solid rectangles in that layer instead of every row's text (docs/benchmarks.md §47).
 * It also carries the row's search match (`data-match`), so that a keystroke renders tones
 * only, never a row (§51).
 */
export const TimelineRowTone = memo(function TimelineRowTone({ row, tone, matches }: { row: number; tone: string; matches: boolean }) {
  return (
    <div
      className={`absolute left-0 right-0 top-0 ${tone}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${row * ROW_HEIGHT}px)` }}
      data-tone-row={row}
      data-match={matches ? "1" : undefined}
    />
  );
});
