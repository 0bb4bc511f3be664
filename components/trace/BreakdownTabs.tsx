"use client";
// The breakdowns' tab bar and their "Computing…" panel: what the section shows before its figures,
// drawn both by BreakdownPanels and in its place while BreakdownPanels' code is still loading.
import type { KeyboardEvent } from "react";
import { resolveTabKey } from "@/lib/ui/resolveTabKey";
import { BREAKDOWN_TABS, type BreakdownTab } from "@/lib/ui/traceViewState";

const TAB_LABELS: Record<BreakdownTab, string> = {
  service: "Services",
  project: "Projects",
  host: "Hosts",
  type: "Span types",
  db: "DB statements",
  longest: "Longest spans",
};

export const BREAKDOWNS_CLASS = "rounded border border-zinc-200 dark:border-zinc-800";

/**
 * One tab stop (WAI-ARIA tabs: the selected tab alone is in the tab order); the arrows, Home and
 * End select another tab and move the focus to it (lib/ui/resolveTabKey).
 */
export function BreakdownTabs({ tab, onTab }: { tab: BreakdownTab; onTab(tab: BreakdownTab): void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = resolveTabKey(event.key, BREAKDOWN_TABS.indexOf(tab), BREAKDOWN_TABS.length);
    if (next === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const target = BREAKDOWN_TABS[next]!;
    onTab(target);
    event.currentTarget.querySelector<HTMLElement>(`#tab-${target}`)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="Breakdown"
      className="flex flex-wrap border-b border-zinc-200 dark:border-zinc-800"
      onKeyDown={onKeyDown}
    >
      {BREAKDOWN_TABS.map((t) => (
        <button
          key={t}
          role="tab"
          type="button"
          id={`tab-${t}`}
          aria-selected={tab === t}
          aria-controls={`tabpanel-${t}`}
          tabIndex={tab === t ? 0 : -1}
          onClick={() => onTab(t)}
          className={`px-3 py-1.5 text-sm ${tab === t ? "border-b-2 border-sky-600 font-semibold" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
        >
          {TAB_LABELS[t]}
        </button>
      ))}
    </div>
  );
}

export function Computing() {
  return (
    <p className="text-xs text-zinc-500" role="status">
      Computing…
    </p>
  );
}

/** The section as BreakdownPanels first draws it (no figures yet), for while its code is loading. */
export function BreakdownsPending({ tab, onTab }: { tab: BreakdownTab; onTab(tab: BreakdownTab): void }) {
  return (
    <section aria-label="Breakdowns" className={BREAKDOWNS_CLASS}>
      <BreakdownTabs tab={tab} onTab={onTab} />
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} aria-busy className="p-3">
        <Computing />
      </div>
    </section>
  );
}
