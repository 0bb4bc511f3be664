// A fold of "critical path only" (lib/trace/findPathFolds): a run of sibling spans that together
// carry a sliver of the path, shown as one row so that the spans which carry its time reach the
// first screen. A click (or Enter, Space, right arrow) opens it, through the timeline's toggle.
import { memo } from "react";
import { formatCount } from "@/lib/ui/formatCount";
import { formatDurationUs, formatMs } from "@/lib/ui/formatDuration";
import { TreeIndent, treeIndent } from "./TreeIndent";
import { renderRowFrame } from "./TimelineRow";

type Props = {
  row: number;
  /** The first span of the fold (its id opens it). */
  spanIndex: number;
  spanId: string;
  depth: number;
  spans: number;
  pathUs: number;
  active: boolean;
  /**
   * Where the path runs through the fold's spans (lib/trace/measurePathWithin) as fractions of
   * the axis (NaN: nowhere), and the path's pieces in it (lib/ui/criticalStripe).
   */
  extentStart: number;
  extentWidth: number;
  /** The same, in µs after the trace's start, for the titles. */
  pathFromUs: number;
  pathToUs: number;
  criticalStripe: string | null;
  wideColumns: boolean;
  rowId: string;
  onToggle(spanIndex: number): void;
};

export const TimelineFoldRow = memo(function TimelineFoldRow(props: Props) {
  const {
    row,
    spanIndex: i,
    depth,
    spans,
    pathUs,
    active,
    extentStart,
    extentWidth,
    pathFromUs,
    pathToUs,
    criticalStripe,
    wideColumns,
  } = props;
  const label = `${formatCount(spans)} spans, ${formatDurationUs(pathUs)} of the path`;
  const over = Number.isNaN(pathFromUs)
    ? ""
    : ` between +${formatDurationUs(pathFromUs)} and +${formatDurationUs(pathToUs)} (the light bar; the dark stripe is the path's time in them)`;
  return renderRowFrame(
    {
      rowId: props.rowId,
      row,
      depth,
      expanded: false,
      selected: false,
      active,
      spanId: props.spanId,
      className: "italic text-zinc-600 dark:text-zinc-400",
      borderLeftColor: "transparent",
      onClick: () => props.onToggle(i),
      fold: true,
      title: `${label}${over}: spans on the critical path that together carry under 1% of the trace's time, folded. Click to show them.`,
    },
    <>
      <FoldNameCell depth={depth} label={label} onToggle={() => props.onToggle(i)} />
      <div className="timeline-bar-cell relative h-full overflow-hidden">
        {!Number.isNaN(extentStart) && (
          <div
            className="absolute bottom-1 top-1 rounded-sm bg-zinc-400 opacity-30 dark:bg-zinc-500"
            style={{ left: `${extentStart * 100}%`, width: `max(1px, ${extentWidth * 100}%)` }}
            title={`the path runs through these spans from +${formatDurationUs(pathFromUs)} to +${formatDurationUs(pathToUs)} after the trace's start`}
            data-testid="fold-extent"
          />
        )}
        {criticalStripe !== null && (
          <div
            aria-hidden
            className="absolute inset-x-0 bottom-0 h-[3px] text-zinc-900 dark:text-zinc-50"
            style={{ backgroundImage: criticalStripe }}
          />
        )}
      </div>
      {wideColumns && <div className="timeline-wide-only" />}
      {wideColumns && <div className="timeline-wide-only" />}
      <div className="timeline-medium" />
      {wideColumns && <div className="timeline-wide-only" />}
      <div className="pl-1 pr-2 text-right tabular-nums" title="time on the critical path">
        {formatMs(pathUs)}
      </div>
    </>,
  );
});

/** A fold row's name cell, on the trace page and the compare page alike: its toggle and what it holds. */
export function FoldNameCell({ depth, label, onToggle }: { depth: number; label: string; onToggle(): void }) {
  return (
    <div className="flex min-w-0 items-center gap-1 pr-2" style={{ paddingLeft: treeIndent(depth) }}>
      <TreeIndent depth={depth} hasChildren collapsed onToggle={onToggle} />
      <span className="truncate" data-testid="fold-label">
        {label}
      </span>
    </div>
  );
}
