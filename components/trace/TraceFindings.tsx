"use client";
// "Why was this slow?" at the top of the trace page: lib/trace's ranked findings as sentences.
// Each one is a button: it highlights the spans the sentence is about and brings the first of
// them into view (the finding is view state, so a shared link shows the same). Drawn inside the box
// TraceExplorer gives it with "against typical".
import { memo, useEffect, useMemo } from "react";
import type { Trace, TraceFinding } from "@/lib/trace";
import { describeFinding } from "@/lib/ui/describeFinding";

const TONE: Record<TraceFinding["kind"], string> = {
  answer: "border-l-sky-500",
  service: "border-l-indigo-500",
  untraced: "border-l-zinc-400 border-dashed",
  sql: "border-l-violet-500",
  errors: "border-l-red-600",
  unfinished: "border-l-amber-500",
};

export type TraceFindingsProps = {
  trace: Trace;
  /** Null while they are being computed. */
  findings: TraceFinding[] | null;
  active: number | null;
  onFocus(finding: number | null): void;
};

export const TraceFindings = memo(function TraceFindings({ trace, findings, active, onFocus }: TraceFindingsProps) {
  const sentences = useMemo(() => findings?.map((f) => describeFinding(trace, f)) ?? null, [trace, findings]);
  // For benchmarks and the browser's performance panel: when the answer was on screen.
  const ready = sentences !== null;
  useEffect(() => {
    if (ready && performance.getEntriesByName("ostrace:findings").length === 0) performance.mark("ostrace:findings");
  }, [ready]);
  return (
    <section aria-label="Where the time went" className={`${sentences === null ? "min-h-[5.5rem]" : ""} px-2 py-1`} data-testid="why-slow">
      {sentences === null ? (
        <p className="text-xs text-zinc-500" role="status">
          Working out where the time went…
        </p>
      ) : sentences.length === 0 ? (
        <p className="text-xs text-zinc-500">Nothing to explain: the trace has no measurable time.</p>
      ) : (
        // break-words: a finding names calls like ComputeTaskManager.schedule_and_build_instances,
        // wider than a phone's line; unbroken, it ran out of the box.
        <ol className="space-y-px text-sm break-words">
          {sentences.map((sentence, k) => (
            <li key={k}>
              <button
                type="button"
                aria-pressed={active === k}
                onClick={() => onFocus(active === k ? null : k)}
                title="Highlight these spans and show the first"
                className={`w-full border-l-4 px-2 py-px text-left hover:bg-zinc-100 dark:hover:bg-zinc-800 ${TONE[findings![k]!.kind]} ${active === k ? "bg-violet-100 dark:bg-violet-900/40" : ""}`}
                data-testid="finding"
              >
                {sentence}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
