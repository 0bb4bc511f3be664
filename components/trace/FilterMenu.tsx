"use client";
// A dropdown of checkboxes (span types or services): checked means shown. Closes on a click
// outside it or on Escape, as a menu does. Its list is rendered only while it is open: closed, it
// would be ~40 elements per menu in the first screen's HTML that nobody sees (issue 14, first rows).
import { memo, useEffect, useRef, useState } from "react";
import type { FacetEntry } from "@/lib/ui/computeTraceLegend";
import { Button } from "../ui/Button";

export const FilterMenu = memo(function FilterMenu({
  label,
  entries,
  hidden,
  onToggle,
  onShowAll,
  colorOf,
}: {
  label: string;
  entries: FacetEntry[];
  /** A swatch before each value (span types have a palette of their own); none when absent. */
  colorOf?: (value: string) => string;
  hidden: readonly string[];
  onToggle(value: string): void;
  onShowAll(): void;
}) {
  const hiddenCount = entries.filter((e) => hidden.includes(e.value)).length;
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const close = (event: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !el.contains(event.target as Node)) el.open = false;
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details ref={ref} className="group relative" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary
        className={`cursor-pointer list-none rounded border px-2 py-1 text-sm select-none ${hiddenCount > 0 ? "border-sky-500 text-sky-800 dark:text-sky-300" : "border-zinc-300 dark:border-zinc-700"}`}
        aria-label={`${label} filter${hiddenCount > 0 ? `, ${hiddenCount} hidden` : ""}`}
      >
        {label}
        {hiddenCount > 0 ? ` (${hiddenCount} hidden)` : ""} <span aria-hidden>▾</span>
      </summary>
      {open && (
        <div className="absolute z-20 mt-1 max-h-80 w-64 overflow-auto rounded border border-zinc-300 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <fieldset>
            <legend className="mb-1 flex w-full items-center justify-between text-xs text-zinc-500">
              <span>Show {label.toLowerCase()}</span>
              {hiddenCount > 0 && (
                <Button variant="link" onClick={onShowAll}>
                  show all
                </Button>
              )}
            </legend>
            {entries.map((e) => (
              <label key={e.value} className="flex items-center gap-2 py-0.5 text-sm">
                <input type="checkbox" checked={!hidden.includes(e.value)} onChange={() => onToggle(e.value)} />
                {colorOf && (
                  <span
                    aria-hidden
                    className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm"
                    style={{ backgroundColor: colorOf(e.value) }}
                    data-testid="filter-swatch"
                  />
                )}
                <span className="min-w-0 flex-1 truncate" title={e.value}>
                  {e.value}
                </span>
                <span className="text-xs text-zinc-500 tabular-nums">{e.count}</span>
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </details>
  );
});
