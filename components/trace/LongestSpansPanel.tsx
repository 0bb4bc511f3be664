"use client";
// The longest spans of a type (or of all), by total or by own time: "slowest calls" for every
// kind of call, not only SQL. Self time is on the view as filtered (hidden DB time counts as the
// caller's own). Clicking a span opens it in the timeline.
import { useMemo, useState } from "react";
import { labelCall, labelService, listLongestSpans, type Trace, type TraceView } from "@/lib/trace";
import type { FacetEntry } from "@/lib/ui/computeTraceLegend";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { Button } from "../ui/Button";

export type LongestSpansPanelProps = {
  trace: Trace;
  view: TraceView;
  types: FacetEntry[];
  onSelectSpan(spanIndex: number): void;
};

export function LongestSpansPanel({ trace, view, types, onSelectSpan }: LongestSpansPanelProps) {
  const [type, setType] = useState<string | null>(null);
  const [by, setBy] = useState<"total" | "self">("total");
  const longest = useMemo(() => listLongestSpans(view, { type, by, limit: 25 }), [view, type, by]);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <label className="flex items-center gap-1">
          Type
          <select
            value={type ?? ""}
            onChange={(e) => setType(e.target.value || null)}
            className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
            data-testid="longest-type"
          >
            <option value="">all types</option>
            {types.map((t) => (
              <option key={t.value} value={t.value}>
                {t.value} ({t.count})
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex items-center gap-2">
          <legend className="sr-only">Rank by</legend>
          {(["total", "self"] as const).map((b) => (
            <label
              key={b}
              className="flex items-center gap-1"
              title={b === "self" ? "the span's own time, its children's taken away" : "start to stop"}
            >
              <input type="radio" name="longest-by" checked={by === b} onChange={() => setBy(b)} />
              {b === "total" ? "total time" : "self time"}
            </label>
          ))}
        </fieldset>
      </div>
      {longest.spans.length === 0 ? (
        <p className="text-xs text-zinc-500">No spans of this type in the view.</p>
      ) : (
        <ol className="space-y-0.5 text-xs" data-testid="longest-spans">
          {longest.spans.map((i, k) => (
            <li key={i} className="flex gap-2">
              <span className="w-16 shrink-0 text-right tabular-nums">{formatDurationUs(longest.durationsUs[k]!)}</span>
              <span className="w-20 shrink-0 truncate text-zinc-500">{trace.strings[trace.name[i]!]}</span>
              <Button
                variant="link"
                className="min-w-0 truncate text-left font-mono"
                onClick={() => onSelectSpan(i)}
                title={trace.detail[i]! >= 0 ? trace.strings[trace.detail[i]!] : undefined}
              >
                {labelCall(trace, i)}
              </Button>
              <span className="shrink-0 text-zinc-500">
                {labelService(trace.strings[trace.project[i]!]!, trace.strings[trace.service[i]!]!)} · {trace.strings[trace.host[i]!]}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
