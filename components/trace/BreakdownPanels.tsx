"use client";
// Where the time went: per service / project / host / span type (chart + table, on the view as
// filtered) and per DB statement (on the whole trace). Tabs are view state (in the URL).
import { memo, useCallback, useMemo, useRef } from "react";
import { stepBreakdowns, type Breakdown, type Trace, type TraceView } from "@/lib/trace";
import type { TraceLegend } from "@/lib/ui/computeTraceLegend";
import { formatDurationUs, formatShare } from "@/lib/ui/formatDuration";
import { readWholeTraceDb } from "@/lib/ui/readWholeTraceDb";
import { hashColor, serviceKey } from "@/lib/ui/serviceColors";
import type { BreakdownTab } from "@/lib/ui/traceViewState";
import { BreakdownChart } from "./BreakdownChart";
import { BREAKDOWNS_CLASS, BreakdownTabs, Computing } from "./BreakdownTabs";
import { DbStatementsPanel } from "./DbStatementsPanel";
import { LongestSpansPanel } from "./LongestSpansPanel";
import { useIdleComputation, useIdleSteps, useNearViewport } from "./useIdleComputation";
import { formatCount } from "@/lib/ui/formatCount";

export type BreakdownPanelsProps = {
  trace: Trace;
  view: TraceView;
  legend: TraceLegend;
  tab: BreakdownTab;
  onTab(tab: BreakdownTab): void;
  highlightedSql: number | null;
  onHighlightSql(group: number | null): void;
  onSelectSpan(spanIndex: number): void;
};

export const BreakdownPanels = memo(function BreakdownPanels(props: BreakdownPanelsProps) {
  const { trace, view, legend, tab, onTab } = props;
  const section = useRef<HTMLElement>(null);
  const near = useNearViewport(section);
  // Two results: showing DB spans again (or any filter toggled back) finds the figures it had.
  // In slices: over a 1M-span view the whole computation is seconds of one task.
  const breakdowns = useIdleSteps(view, stepBreakdowns, near && tab !== "db" && tab !== "longest", { same: showsSameSpans, keep: 2 });
  const db = useIdleComputation(trace, readWholeTraceDb, near && tab === "db").value;
  const serviceColors = useMemo(() => new Map(legend.services.map((s) => [s.key, s.color])), [legend]);
  // Services in their legend colors, span types in their own palette (never a service's color),
  // hosts and projects from the palette by their share of the trace's spans.
  const colorOf = useCallback(
    (key: string) =>
      tab === "service"
        ? (serviceColors.get(key) ?? hashColor(key))
        : tab === "type"
          ? legend.typeColorOf(key)
          : tab === "host"
            ? legend.hostColorOf(key)
            : legend.projectColorOf(key),
    [tab, serviceColors, legend],
  );
  const filtered = view.hidden.total > 0;
  const shown = breakdowns.value;

  return (
    <section ref={section} aria-label="Breakdowns" className={BREAKDOWNS_CLASS}>
      <BreakdownTabs tab={tab} onTab={onTab} />
      <div
        role="tabpanel"
        id={`tabpanel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        aria-busy={tab === "db" ? db === null : breakdowns.stale}
        className="p-3"
      >
        {tab === "db" ? (
          db ? (
            <DbStatementsPanel
              trace={trace}
              db={db}
              highlighted={props.highlightedSql}
              onHighlight={props.onHighlightSql}
              onSelectSpan={props.onSelectSpan}
            />
          ) : (
            <Computing />
          )
        ) : tab === "longest" ? (
          <LongestSpansPanel trace={trace} view={view} types={legend.types} onSelectSpan={props.onSelectSpan} />
        ) : !shown ? (
          <Computing />
        ) : (
          <div
            className={breakdowns.stale ? "opacity-60 transition-opacity" : ""}
            data-testid="breakdown"
            data-stale={breakdowns.stale ? "1" : undefined}
          >
            <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
              Wall time {formatDurationUs(shown.wallUs)} · {formatCount(shown.spanCount)} spans
              {filtered && <> (the {formatCount(view.hidden.total)} hidden spans&apos; time counts as their callers&apos; own time)</>}
              {" · "}critical path not covered by any span (waits on something not traced): {formatDurationUs(shown.untracedUs)}
              {shown.skewUs > 0 && (
                <> · and where host clocks disagree (a callee seeming to start before its caller): {formatDurationUs(shown.skewUs)}</>
              )}
            </p>
            <BreakdownView breakdown={tab === "type" ? shown.name : shown[tab]} kind={tab} colorOf={colorOf} />
          </div>
        )}
      </div>
    </section>
  );
});

/**
 * Breakdowns read which spans a view shows, never its search marks: a keystroke that only marks
 * matches (no "only matches") keeps the figures instead of recomputing them after every key.
 */
function showsSameSpans(a: TraceView, b: TraceView): boolean {
  if (a === b) return true;
  if (a.trace !== b.trace || a.size !== b.size) return false;
  // Without "only matches" the search hides nothing: the same hiding filters, the same spans.
  const f = a.filter,
    g = b.filter;
  if (
    !f.onlyMatches &&
    !g.onlyMatches &&
    !f.hideDb === !g.hideDb &&
    sameList(f.hideNames, g.hideNames) &&
    sameList(f.hideServices, g.hideServices)
  )
    return true;
  for (let v = 0; v < a.size; v++) if (a.order[v] !== b.order[v]) return false;
  return true;
}

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

/** Memoized: a keystroke re-renders the panel (its view changed) but keeps the figures, so not the table. */
const BreakdownView = memo(function BreakdownView({
  breakdown,
  kind,
  colorOf,
}: {
  breakdown: Breakdown;
  kind: Exclude<BreakdownTab, "db" | "longest">;
  colorOf(key: string): string;
}) {
  const top = breakdown.rows.slice(0, 15);
  return (
    // grid-cols-1 (one minmax(0, 1fr) column), not the implicit auto one: the chart's SVG keeps the
    // width it was laid out for, and an auto column sized to it kept a page narrowed from 1440 to
    // 390 px at 575 px, the chart measuring the column it held open.
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <BreakdownChart
        title={`Self and total time per ${kind}`}
        rows={top.map((r) => ({
          key: r.key,
          label: r.project ? serviceKey(r.project, r.label) : r.label,
          totalUs: r.totalUs,
          selfUs: r.selfUs,
        }))}
        colorOf={colorOf}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-xs tabular-nums" data-testid={`breakdown-table-${kind}`}>
          <thead className="text-left text-zinc-500">
            <tr className="[&_th]:px-1.5 [&_th]:py-1 [&_th]:font-medium">
              <th scope="col">{kind === "type" ? "Type" : kind[0]!.toUpperCase() + kind.slice(1)}</th>
              <th scope="col" className="text-right">
                Spans
              </th>
              <th scope="col" className="text-right">
                Errors
              </th>
              <th scope="col" className="text-right" title="Sum of the spans' durations (OSprofiler's stats)">
                Total
              </th>
              <th scope="col" className="text-right" title="Time not covered by child spans">
                Self
              </th>
              <th
                scope="col"
                className="text-right"
                title="Self time as a share of all spans' self time (parallel spans have more self time together than the trace lasted)"
              >
                Self % of all
              </th>
              <th scope="col" className="text-right" title="Wall time during which at least one of these spans ran">
                Busy %
              </th>
              <th
                scope="col"
                className="text-right"
                title="Share of the end-to-end time on the critical path (async work after the API answered included)"
              >
                Critical %
              </th>
            </tr>
          </thead>
          <tbody>
            {breakdown.rows.map((r) => (
              <tr key={r.key} className="border-t border-zinc-100 dark:border-zinc-800 [&_td]:px-1.5 [&_td]:py-1">
                <td className="max-w-64 truncate" title={r.key}>
                  <span aria-hidden className="mr-1.5 inline-block h-2 w-2 rounded-sm" style={{ backgroundColor: colorOf(r.key) }} />
                  {r.project !== null && <span className="text-zinc-500">{r.project} / </span>}
                  {r.label}
                </td>
                <td className="text-right">
                  {formatCount(r.count)}
                  {r.incomplete > 0 && (
                    <span className="text-amber-700 dark:text-amber-400" title="spans with a missing start or stop">
                      {" "}
                      ({r.incomplete} incomplete)
                    </span>
                  )}
                </td>
                <td className={`text-right ${r.errors > 0 ? "font-semibold text-red-700 dark:text-red-400" : "text-zinc-400"}`}>
                  {r.errors}
                </td>
                <td className="text-right">{formatDurationUs(r.totalUs)}</td>
                <td className="text-right">{formatDurationUs(r.selfUs)}</td>
                <td className="text-right">{formatShare(r.selfShare)}</td>
                <td className="text-right">{formatShare(r.busyShare)}</td>
                <td className="text-right">{formatShare(r.criticalShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});
