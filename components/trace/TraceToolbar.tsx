"use client";
// Filters, search and tree controls above the timeline. All of it is view state (in the URL).
import { useCallback, useRef, useState } from "react";
import type { TraceView } from "@/lib/trace";
import type { TraceLegend } from "@/lib/ui/computeTraceLegend";
import { toggleListValue, type TraceViewState } from "@/lib/ui/traceViewState";
import { FilterMenu } from "./FilterMenu";
import type { ClippedTextSearch } from "./useClippedTextSearch";
import type { ViewStatePatch } from "./useTraceViewState";
import { Button } from "../ui/Button";
import { Checkbox } from "../ui/Checkbox";
import { useReplayEarlyClick } from "../ui/useReplayEarlyClick";
import { nextAnnouncement, type Announcement } from "@/lib/ui/announceRefusal";
import { formatCount } from "@/lib/ui/formatCount";

/** Said in words too where the line has the room (from 1360 px: a 1366-px laptop); narrower, the icon and its title. */
const WIDE_ONLY = "hidden pr-0.5 min-[1360px]:inline";

/** The "Critical path only" checkbox's id: the note that turns it off hands it the focus. */
export const CRITICAL_ONLY_ID = "critical-only";

export type TraceToolbarProps = {
  state: TraceViewState;
  update(patch: ViewStatePatch): void;
  view: TraceView;
  legend: TraceLegend;
  dbSpanCount: number;
  maxDepth: number;
  onNextMatch(direction: 1 | -1): void;
  /** Where the search matched clipped texts by their start only (view.searchClippedOnly): why, said beside the count. */
  longTexts?: ClippedTextSearch;
};

export function TraceToolbar({ state, update, view, legend, dbSpanCount, maxDepth, onNextMatch, longTexts }: TraceToolbarProps) {
  const levels = Array.from({ length: Math.min(maxDepth, 12) + 1 }, (_, k) => k);
  const searching = state.search !== "";
  // Stable handlers: the filter menus (memoized) skip the re-render of every keystroke.
  const toggleType = useCallback((value: string) => update((s) => ({ hideTypes: toggleListValue(s.hideTypes, value) })), [update]);
  const showAllTypes = useCallback(() => update({ hideTypes: [] }), [update]);
  const toggleService = useCallback((value: string) => update((s) => ({ hideServices: toggleListValue(s.hideServices, value) })), [update]);
  const showAllServices = useCallback(() => update({ hideServices: [] }), [update]);
  const refusal = useRefusalAnnouncement(view.searchError);
  const anyMatch = view.matchCount > 0 || view.hiddenMatchCount > 0;
  return (
    // One line from 1024 px on: the search box gives up the room the match count takes (a count
    // fits in its 6rem; a refused regex says so there in two words, and why on a line of its own
    // under the toolbar); narrower, the controls wrap as they come.
    <div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 lg:flex-nowrap" role="toolbar" aria-label="Timeline view">
        <Checkbox
          className="shrink-0 whitespace-nowrap"
          checked={state.hideDb}
          onChange={(e) => update({ hideDb: e.target.checked })}
          data-testid="hide-db"
        >
          Hide DB spans <span className="text-xs text-zinc-500 tabular-nums">({dbSpanCount})</span>
        </Checkbox>
        <Checkbox
          className="shrink-0 whitespace-nowrap"
          checked={state.criticalOnly}
          onChange={(e) => update({ criticalOnly: e.target.checked, openedFolds: [] })}
          id={CRITICAL_ONLY_ID}
          data-testid="critical-only"
          title="Only the spans the request waited on, end to end (async work after the API answered included), with their callers; comparing two traces, those on either one's path"
        >
          Critical path only
        </Checkbox>
        <div className="flex shrink-0 items-center gap-2">
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
        </div>

        <div className="flex min-w-0 items-center gap-1.5">
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
            placeholder={state.regex ? "Regex: name, SQL, path…" : "Search: name, SQL, path…"}
            title="Span names, SQL, HTTP paths and hosts; Enter goes to the next match, Shift+Enter to the previous one"
            aria-label="Search spans"
            aria-invalid={view.searchError !== null}
            aria-describedby={view.searchError ? "search-status search-error" : "search-status"}
            // relative z-1: painted after the rest of the page (nothing overlaps it, the filter menus
            // are z-20). Chromium composites a focused field's caret as a layer of its own, and
            // everything painted after the caret goes into one more layer above it: painted in DOM
            // order that was the page below the toolbar (1248x816 px), rastered anew on focus, in
            // the first keystroke's frame (docs/benchmarks.md §54). Painted last, that layer is the box.
            className={`relative z-1 w-64 min-w-24 rounded border bg-white px-2 py-1 text-sm lg:w-80 dark:bg-zinc-900 ${view.searchError ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
            data-testid="search"
          />
          <ToggleChip
            checked={state.regex}
            onChange={(on) => update({ regex: on })}
            label="Regex"
            title="Regex: treat the search as a JavaScript regular expression"
          >
            <span className="font-mono">.*</span>
          </ToggleChip>
          <ToggleChip
            checked={state.onlyMatches}
            onChange={(on) => update({ onlyMatches: on })}
            label="Only matches"
            title="Only matches: show only the matching spans and their ancestors"
          >
            <FunnelIcon />
          </ToggleChip>
          <Button size="sm" disabled={!searching || !anyMatch} onClick={() => onNextMatch(-1)} aria-label="Previous match">
            ↑
          </Button>
          <Button size="sm" disabled={!searching || !anyMatch} onClick={() => onNextMatch(1)} aria-label="Next match">
            ↓
          </Button>
          <span
            id="search-status"
            className={`max-w-24 shrink-0 truncate text-xs ${view.searchError ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}
            data-testid="search-status"
            aria-live="polite"
            title={searching && view.hiddenMatchCount > 0 ? describeHiddenMatches(view) : undefined}
          >
            {view.searchError !== null
              ? summarizeSearchError(view.searchError)
              : !searching
                ? ""
                : view.searchPending
                  ? "searching…"
                  : view.matchCount === 0 && view.hiddenMatchCount > 0
                    ? `${formatCount(view.hiddenMatchCount)} hidden`
                    : `${formatCount(view.matchCount)} match${view.matchCount === 1 ? "" : "es"}`}
          </span>
          {searching && view.searchError === null && !view.searchPending && longTexts ? <LongTextsHint longTexts={longTexts} /> : null}
        </div>

        <div className="flex shrink-0 items-center gap-1.5">
          <Button
            size="sm"
            className="flex items-center gap-1 px-1.5"
            onClick={() => update({ level: null, toggled: [] })}
            aria-label="Expand all"
            title="Expand all"
          >
            <TreeIcon expand />
            <span className={WIDE_ONLY}>Expand all</span>
          </Button>
          <Button
            size="sm"
            className="flex items-center gap-1 px-1.5"
            onClick={() => update({ level: 0, toggled: [] })}
            aria-label="Collapse all"
            title="Collapse all"
          >
            <TreeIcon />
            <span className={WIDE_ONLY}>Collapse all</span>
          </Button>
          <label className="flex items-center gap-1 text-sm" title="Expand to level">
            <span>Level</span>
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
      </div>
      {view.searchError !== null && (
        <p id="search-error" className="mt-1 text-xs text-red-700 dark:text-red-400" data-testid="search-error">
          {view.searchError}
        </p>
      )}
      {/* The reason read out as a refusal starts: the line above is only mounted with it (a region
          mounted with its text is not announced), and its text changes at every keystroke. */}
      <p role="status" className="sr-only" data-testid="search-error-announcement">
        {refusal}
      </p>
    </div>
  );
}

/** What the search's live region says: a refused regex's reason, once per refusal (lib/ui/announceRefusal.ts). */
function useRefusalAnnouncement(error: string | null): string {
  const [said, setSaid] = useState<Announcement>({ key: null, text: "" });
  const next = nextAnnouncement(said, error);
  // Adjusted while rendering (React's pattern for state derived from props): no extra commit.
  if (next !== said) setSaid(next);
  return next.text;
}

/** The few words that fit beside the search box; the whole message is on its line under the toolbar. */
function summarizeSearchError(error: string): string {
  if (error.startsWith("invalid regular expression")) return "invalid regex";
  if (error.startsWith("regular expression not supported")) return "not supported";
  return "search error";
}

/**
 * Beside the match count while texts clipped for display were matched by their start only: the
 * server's answer for their whole text is on its way, or cannot come (no server, a failure).
 */
function LongTextsHint({ longTexts }: { longTexts: ClippedTextSearch }) {
  if (longTexts.status === "waiting") {
    return (
      <span
        className="shrink-0 text-xs whitespace-nowrap text-zinc-500"
        title={`Searching the whole of the texts longer than ${formatCount(longTexts.clippedAbove)} characters…`}
        data-testid="search-long-texts"
      >
        + long texts…
      </span>
    );
  }
  if (longTexts.status !== "start-only") return null;
  return (
    <span
      className="shrink-0 cursor-help text-xs whitespace-nowrap text-amber-700 dark:text-amber-400"
      title={`Texts longer than ${formatCount(longTexts.clippedAbove)} characters are searched by their first ${formatCount(longTexts.clippedAbove)}: ${longTexts.reason}.`}
      data-testid="search-long-texts"
    >
      long texts: first {formatCount(longTexts.clippedAbove)} chars
    </span>
  );
}

/** "Showing N of M spans" and what hides the rest: beside the legend, above the timeline it counts. */
/** `foldedSpans`: the view's spans inside closed folds of "critical path only" (countFoldedSpans). */
export function ShownSpans({ view, foldedSpans = 0, className = "" }: { view: TraceView; foldedSpans?: number; className?: string }) {
  const { hidden } = view;
  return (
    <p className={`text-xs text-zinc-600 dark:text-zinc-400 ${className}`} data-testid="hidden-counts" aria-live="polite">
      Showing <span className="tabular-nums">{formatCount(view.size)}</span> of{" "}
      <span className="tabular-nums">{formatCount(view.trace.size)}</span> spans
      {hidden.total > 0 && (
        <>
          {" · hidden: "}
          {[
            hidden.db > 0 && `${formatCount(hidden.db)} DB`,
            hidden.byName > 0 && `${formatCount(hidden.byName)} by type`,
            hidden.byService > 0 && `${formatCount(hidden.byService)} by service`,
            hidden.notMatching > 0 && `${formatCount(hidden.notMatching)} not matching`,
            hidden.offCriticalPath > 0 && `${formatCount(hidden.offCriticalPath)} off the critical path`,
          ]
            .filter(Boolean)
            .join(", ")}
        </>
      )}
      {/* Said, or a trace whose spans all run one after another looks as if the box did nothing. */}
      {view.filter.criticalOnly && hidden.offCriticalPath === 0 && " · none off the critical path"}
      {foldedSpans > 0 && ` · ${formatCount(foldedSpans)} in folds`}
    </p>
  );
}

/**
 * A search option as a small toggle beside the box (a checkbox, named by its label, drawn as a
 * button that reads pressed when on): the box keeps its room on one line at 1024 px.
 */
function ToggleChip({
  checked,
  onChange,
  label,
  title,
  children,
}: {
  checked: boolean;
  onChange(on: boolean): void;
  label: string;
  title: string;
  children: React.ReactNode;
}) {
  const box = useRef<HTMLInputElement>(null);
  useReplayEarlyClick(box, checked);
  return (
    <label className="relative flex shrink-0" title={title}>
      {/* Over the chip, transparent: the click, the focus and the accessible name are the checkbox's. */}
      <input
        ref={box}
        type="checkbox"
        aria-label={label}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="peer absolute inset-0 h-full w-full cursor-pointer opacity-0"
      />
      <span
        aria-hidden
        className="flex h-[30px] min-w-[30px] items-center justify-center rounded border border-zinc-300 px-1.5 text-sm peer-checked:border-sky-500 peer-checked:bg-sky-50 peer-checked:text-sky-800 peer-hover:bg-zinc-100 peer-focus-visible:outline-2 peer-focus-visible:outline-sky-600 dark:border-zinc-700 dark:peer-checked:bg-sky-900/40 dark:peer-checked:text-sky-300 dark:peer-hover:bg-zinc-800"
      >
        {children}
      </span>
    </label>
  );
}

function FunnelIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round">
      <path d="M2 3h12l-4.5 5.5V13l-3 1.5v-6z" />
    </svg>
  );
}

/** A box with a plus (expand all) or a minus (collapse all), as a tree's toggles read. */
function TreeIcon({ expand = false }: { expand?: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
      <rect x="2" y="2" width="12" height="12" rx="2" />
      <path d={expand ? "M5 8h6M8 5v6" : "M5 8h6"} />
    </svg>
  );
}

/**
 * The search status's title when the view's filters hide matches: "0 matches" over a trace that
 * opened on its critical path read as if the search found nothing.
 */
function describeHiddenMatches(view: TraceView): string {
  const hidden = `${formatCount(view.hiddenMatchCount)} match${view.hiddenMatchCount === 1 ? "" : "es"}`;
  return view.matchCount > 0
    ? `${formatCount(view.matchCount)} shown, ${hidden} more hidden by the view (critical path only, DB spans, types or services)`
    : `${hidden}, all hidden by the view (critical path only, DB spans, types or services): Enter or ↓ shows the next`;
}
