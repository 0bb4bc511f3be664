"use client";
// The trace page's panels that its first screen does not need, each in a chunk of its own instead
// of the page's first scripts (issue 14 goal 1: those scripts are compiled and run before or around
// the first rows). A span's details (with the SQL formatter and the JSON tree): only once a span is
// selected, preloaded when the page is idle so that the first click finds them, and rendered by the
// server for a span opened by a shared link. The breakdowns (below the timeline, their figures
// computed once on screen) and "against typical" (a fetch of its own): the server sends what they
// first show, and they take over once their code has arrived, right after the hydration.
import type { BreakdownPanelsProps } from "./BreakdownPanels";
import { BreakdownsPending } from "./BreakdownTabs";
import { createLazyComponent } from "./createLazyComponent";
import type { SpanDetailsPanelProps } from "./SpanDetailsPanel";
import type { TypicalComparisonPanelProps } from "./TypicalComparisonPanel";
import { TypicalComparisonPending } from "./TypicalComparisonPending";

export const LazySpanDetailsPanel = createLazyComponent<SpanDetailsPanelProps>(
  () => import("./SpanDetailsPanel").then((m) => m.SpanDetailsPanel),
  ({ className = "" }) => (
    <aside
      aria-label="Span details"
      aria-busy
      className={`flex min-h-0 flex-col overflow-hidden rounded border border-zinc-200 p-2 text-xs text-zinc-500 dark:border-zinc-800 ${className}`}
    >
      Loading details…
    </aside>
  ),
  "component",
);

export const LazyBreakdownPanels = createLazyComponent<BreakdownPanelsProps>(
  () => import("./BreakdownPanels").then((m) => m.BreakdownPanels),
  // The same tab bar (same ids) as BreakdownPanels': a tab focused before the swap keeps the focus.
  ({ tab, onTab }) => <BreakdownsPending tab={tab} onTab={onTab} />,
  "fallback",
);

export const LazyTypicalComparisonPanel = createLazyComponent<TypicalComparisonPanelProps>(
  () => import("./TypicalComparisonPanel").then((m) => m.TypicalComparisonPanel),
  () => <TypicalComparisonPending />,
  "fallback",
);
