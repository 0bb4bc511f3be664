"use client";
// "Against typical" as it reads while its comparison is on its way: drawn by TypicalComparisonPanel,
// and in its place while TypicalComparisonPanel's code is still loading.
import type { ReactNode } from "react";
import { useTraceDataSource } from "./traceDataSource";

export function TypicalComparisonFrame({ summary, title, children }: { summary: ReactNode; title?: string; children?: ReactNode }) {
  return (
    // Below the findings, in their box. Closed, its sentence keeps to one line (cut, whole on hover
    // and once opened), so that the timeline starts higher on a laptop's screen.
    <details className="group border-t border-zinc-200 px-2 py-1 text-sm dark:border-zinc-800" data-testid="typical-comparison">
      <summary className="cursor-pointer truncate select-none group-open:whitespace-normal" title={title}>
        <span className="mr-2 text-xs font-medium uppercase tracking-wide text-zinc-500">Against typical</span>
        {summary}
      </summary>
      {children}
    </details>
  );
}

export function TypicalComparing() {
  return (
    <span className="text-zinc-500" role="status">
      Comparing with recent traces of this request…
    </span>
  );
}

/** Nothing where the page's data source has no comparison (the offline report), as the panel itself. */
export function TypicalComparisonPending() {
  const source = useTraceDataSource();
  return source.loadTypicalComparison ? <TypicalComparisonFrame summary={<TypicalComparing />} /> : null;
}
