"use client";
// DB calls grouped by normalized statement: count, total, mean, max, N+1. Clicking a statement
// highlights its calls in the timeline; the slowest single calls open in the details panel.
import { useMemo } from "react";
import { readSpan, type DbBreakdown, type Trace } from "@/lib/trace";
import { upperSqlKeywords } from "@/lib/ui/upperSqlKeywords";
import { formatDurationUs, formatShare } from "@/lib/ui/formatDuration";
import { Button } from "../ui/Button";
import { useTraceDataSource } from "./traceDataSource";
import { formatCount } from "@/lib/ui/formatCount";

/** Mean, max and the pattern's column leave a phone's table to Count and Total (the pattern goes under the statement). */
const FROM_SM = "hidden sm:table-cell";
/** More than a statement's cell shows (40rem of text-xs monospace is ~90 characters). */
const SHOWN_CHARS = 1000;

export type DbStatementsPanelProps = {
  trace: Trace;
  db: DbBreakdown;
  highlighted: number | null;
  onHighlight(group: number | null): void;
  onSelectSpan(spanIndex: number): void;
};

export function DbStatementsPanel({ trace, db, highlighted, onHighlight, onSelectSpan }: DbStatementsPanelProps) {
  const source = useTraceDataSource();
  // Keywords in capitals, as the timeline and the details show a statement (the shape lower-cases
  // them). Over the start the cell can show (it truncates at 40rem): an 80K-character shape took
  // 13-17 ms whole.
  const shown = useMemo(
    () => db.groups.map((g) => upperSqlKeywords(g.statement.slice(0, SHOWN_CHARS)) + g.statement.slice(SHOWN_CHARS)),
    [db.groups],
  );
  if (db.count === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No DB spans in this trace (services trace SQL with <code>[profiler] trace_sqlalchemy = true</code>).
      </p>
    );
  return (
    <div className="space-y-4">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {formatCount(db.count)} DB calls, {db.groups.length} distinct statements, {formatDurationUs(db.totalUs)} in total; DB work covered{" "}
        {formatShare(db.wallShare)} of the trace&apos;s wall time. N+1: the same statement {db.nPlusOneThreshold}+ times under one caller.
        Click a statement to highlight its calls.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-xs tabular-nums" data-testid="db-statements">
          <thead className="text-left text-zinc-500">
            <tr className="[&_th]:px-1.5 [&_th]:py-1 [&_th]:font-medium">
              <th scope="col">Statement (normalized)</th>
              <th scope="col" className="text-right">
                Count
              </th>
              <th scope="col" className="text-right">
                Total
              </th>
              <th scope="col" className={`${FROM_SM} text-right`}>
                Mean
              </th>
              <th scope="col" className={`${FROM_SM} text-right`}>
                Max
              </th>
              <th scope="col" className={FROM_SM}>
                Pattern
              </th>
            </tr>
          </thead>
          <tbody>
            {db.groups.map((g, k) => {
              const on = highlighted === k;
              return (
                <tr
                  key={k}
                  className={`border-t border-zinc-100 dark:border-zinc-800 [&_td]:px-1.5 [&_td]:py-1 ${on ? "bg-violet-100 dark:bg-violet-900/40" : ""}`}
                >
                  {/* On a phone the cell takes what the figures leave (max-width 0: a table cell's content
                      otherwise sets its width, and one statement pushed Count and Total off screen). */}
                  <td className="w-full max-w-0 sm:w-auto sm:max-w-[40rem]">
                    <button
                      type="button"
                      aria-pressed={on}
                      onClick={() => onHighlight(on ? null : k)}
                      title={g.example ?? "(no statement)"}
                      className="block w-full truncate text-left font-mono hover:underline"
                    >
                      {shown[k] || "(no statement)"}
                    </button>
                    {g.statement && source.statementPageUrl && (
                      <a
                        href={source.statementPageUrl(g.statement)}
                        className="text-[11px] text-sky-700 hover:underline dark:text-sky-400"
                        data-testid="statement-across-traces"
                      >
                        across traces →
                      </a>
                    )}
                    {hasPattern(g) && (
                      <span className="ml-1 sm:hidden">
                        <StatementPattern group={g} />
                      </span>
                    )}
                  </td>
                  <td className="text-right">{formatCount(g.count)}</td>
                  <td className="whitespace-nowrap text-right">{formatDurationUs(g.totalUs)}</td>
                  <td className={`${FROM_SM} whitespace-nowrap text-right`}>{formatDurationUs(g.meanUs)}</td>
                  <td className={`${FROM_SM} whitespace-nowrap text-right`}>{formatDurationUs(g.maxUs)}</td>
                  <td className={FROM_SM}>
                    <StatementPattern group={g} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400">Slowest calls</h3>
        <ol className="space-y-0.5 text-xs">
          {db.slowest.map((c) => {
            const span = readSpan(trace, c.span);
            return (
              <li key={c.span} className="flex gap-2">
                <span className="w-16 shrink-0 text-right tabular-nums">{formatDurationUs(c.durationUs)}</span>
                <Button
                  variant="link"
                  className="min-w-0 truncate text-left font-mono"
                  onClick={() => onSelectSpan(c.span)}
                  title={span.detail ?? ""}
                >
                  {span.detail ?? "(no statement)"}
                </Button>
                <span className="shrink-0 text-zinc-500">{span.service}</span>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}

type StatementGroup = DbBreakdown["groups"][number];

/** An N+1 loop and failed calls: the Pattern column, or under the statement on a phone. */
function StatementPattern({ group }: { group: StatementGroup }) {
  return (
    <>
      {group.nPlusOne && (
        <span
          className="rounded bg-amber-100 px-1 font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
          title={`run ${group.maxRepeats} times under one caller`}
        >
          N+1 ×{group.maxRepeats}
        </span>
      )}
      {group.errors > 0 && (
        <span className="ml-1 rounded bg-red-100 px-1 text-red-800 dark:bg-red-900/50 dark:text-red-200">{group.errors} failed</span>
      )}
    </>
  );
}

function hasPattern(group: StatementGroup): boolean {
  return group.nPlusOne || group.errors > 0;
}
