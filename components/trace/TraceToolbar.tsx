"use client";
// Filters, search and tree controls above the timeline. All of it is view state (in the URL).
import { useCallback } from "react";
import type { TraceView } from "@/lib/trace";
import type { TraceLegend } from "@/lib/ui/computeTraceLegend";
import { toggleListValue, type TraceViewState } from "@/lib/ui/traceViewState";
import { FilterMenu } from "./FilterMenu";
import type { ViewStatePatch } from "./useTraceViewState";
import { Button } from "../ui/Button";
import { Checkbox } from "../ui/Checkbox";
import { formatCount } from "@/lib/ui/formatCount";

export type TraceToolbarProps = {
  state: TraceViewState;
  update(patch: ViewStatePatch): void;
  view: TraceView;
  legend: TraceLegend;
  dbSpanCount: number;
  maxDepth: number;
  onNextMatch(direction: 1 | -1): void;
  /** Offer "critical path only" (not where the rows are two traces aligned). */
  criticalPath?: boolean;
};

export function TraceToolbar({ state, update, view, legend, dbSpanCount, maxDepth, onNextMatch, criticalPath = true }: TraceToolbarProps) {
  const { hidden } = view;
  const levels = Array.from({ length: Math.min(maxDepth, 12) + 1 }, (_, k) => k);
  const searching = state.search !== "";
  // Stable handlers: the filter menus (memoized) skip the re-render of every keystroke.
  const toggleType = useCallback((value: string) => update((s) => ({ hideTypes: toggleListValue(s.hideTypes, value) })), [update]);
  const showAllTypes = useCallback(() => update({ hideTypes: [] }), [update]);
  const toggleService = useCallback((value: string) => update((s) => ({ hideServices: toggleListValue(s.hideServices, value) })), [update]);
  const showAllServices = useCallback(() => update({ hideServices: [] }), [update]);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2" role="toolbar" aria-label="Timeline view">
      <Checkbox checked={state.hideDb} onChange={(e) => update({ hideDb: e.target.checked })} data-testid="hide-db">
        Hide DB spans <span className="text-xs text-zinc-500 tabular-nums">({dbSpanCount})</span>
      </Checkbox>
      {criticalPath && (
        <Checkbox
          checked={state.criticalOnly}
          onChange={(e) => update({ criticalOnly: e.target.checked })}
          data-testid="critical-only"
          title="Only the spans the request waited on, end to end (async work after the API answered included), with their callers"
        >
          Critical path only
        </Checkbox>
      )}
      <FilterMenu
        label="Types"
        entries={legend.types}
        hidden={state.hideTypes}
        onToggle={toggleType}
        onShowAll={showAllTypes}
        colorOf={legend.typeColorOf}
      />
      <FilterMenu
        label="Services"
        entries={legend.serviceNames}
        hidden={state.hideServices}
        onToggle={toggleService}
        onShowAll={showAllServices}
      />

      <div className="flex items-center gap-1.5">
        <input
          type="search"
          value={state.search}
          onChange={(e) => update({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onNextMatch(e.shiftKey ? -1 : 1);
            }
          }}
          placeholder={state.regex ? "Regex: name, SQL, path, host…" : "Search: name, SQL, path, host…"}
          aria-label="Search spans"
          aria-invalid={view.searchError !== null}
          aria-describedby="search-status"
          // relative z-1: painted after the rest of the page (nothing overlaps it, the filter menus
          // are z-20). Chromium composites a focused field's caret as a layer of its own, and
          // everything painted after the caret goes into one more layer above it: painted in DOM
          // order that was the page below the toolbar (1248x816 px), rastered anew on focus, in
          // the first keystroke's frame (docs/benchmarks.md §54). Painted last, that layer is the box.
          className={`relative z-1 w-64 rounded border bg-white px-2 py-1 text-sm dark:bg-zinc-900 ${view.searchError ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
          data-testid="search"
        />
        <Checkbox
          checked={state.regex}
          onChange={(e) => update({ regex: e.target.checked })}
          title="Treat the search as a JavaScript regular expression"
        >
          Regex
        </Checkbox>
        <Checkbox
          checked={state.onlyMatches}
          onChange={(e) => update({ onlyMatches: e.target.checked })}
          title="Show only matching spans and their ancestors"
        >
          Only matches
        </Checkbox>
        <Button size="sm" disabled={!searching || view.matchCount === 0} onClick={() => onNextMatch(-1)} aria-label="Previous match">
          ↑
        </Button>
        <Button size="sm" disabled={!searching || view.matchCount === 0} onClick={() => onNextMatch(1)} aria-label="Next match">
          ↓
        </Button>
        <span
          id="search-status"
          className={`text-xs ${view.searchError ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}
          data-testid="search-status"
          aria-live="polite"
        >
          {view.searchError ??
            (!searching
              ? ""
              : view.searchPending
                ? "searching…"
                : `${formatCount(view.matchCount)} match${view.matchCount === 1 ? "" : "es"}`)}
        </span>
      </div>

      <div className="flex items-center gap-1.5">
        <Button size="sm" onClick={() => update({ level: null, toggled: [] })}>
          Expand all
        </Button>
        <Button size="sm" onClick={() => update({ level: 0, toggled: [] })}>
          Collapse all
        </Button>
        <label className="flex items-center gap-1 text-sm">
          <span>Expand to level</span>
          <select
            aria-label="Expand to level"
            className="rounded border border-zinc-300 bg-white px-1 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            value={state.level === null ? "" : String(state.level)}
            onChange={(e) => update({ level: e.target.value === "" ? null : Number(e.target.value), toggled: [] })}
          >
            <option value="">all</option>
            {levels.map((k) => (
              <option key={k} value={k}>
                {k + 1}
              </option>
            ))}
          </select>
        </label>
      </div>

      <p className="ml-auto text-xs text-zinc-600 dark:text-zinc-400" data-testid="hidden-counts" aria-live="polite">
        Showing <span className="tabular-nums">{formatCount(view.size)}</span> of{" "}
        <span className="tabular-nums">{formatCount(view.trace.size)}</span> spans
        {hidden.total > 0 && (
          <>
            {" · hidden: "}
            {[
              hidden.db > 0 && `${hidden.db} DB`,
              hidden.byName > 0 && `${hidden.byName} by type`,
              hidden.byService > 0 && `${hidden.byService} by service`,
              hidden.notMatching > 0 && `${hidden.notMatching} not matching`,
              hidden.offCriticalPath > 0 && `${hidden.offCriticalPath} off the critical path`,
            ]
              .filter(Boolean)
              .join(", ")}
          </>
        )}
        {/* Said, or a trace whose spans all run one after another looks as if the box did nothing. */}
        {view.filter.criticalOnly && hidden.offCriticalPath === 0 && " · none off the critical path"}
      </p>
    </div>
  );
}
