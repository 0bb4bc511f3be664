"use client";
// Picking two traces of the list to see them side by side: a checkbox per row, and a bar with
// the "Compare" button. The first trace picked is A, the second B; picking a third lets go of
// the oldest pick. The table stays a server component: only these pieces run in the browser.
import Link from "next/link";
import { createContext, useContext, useState, type ReactNode } from "react";
import { comparePageUrl } from "@/lib/ui/apiUrls";
import { buttonClass } from "../ui/Button";

type Picks = { picked: string[]; toggle(traceId: string): void };

const PicksContext = createContext<Picks>({ picked: [], toggle() {} });

export function ComparePicker({ children }: { children: ReactNode }) {
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (traceId: string) =>
    setPicked((p) => (p.includes(traceId) ? p.filter((id) => id !== traceId) : [...p, traceId].slice(-2)));
  const [a, b] = picked;
  return (
    <PicksContext.Provider value={{ picked, toggle }}>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm" data-testid="compare-picker">
        {a && b ? (
          <Link href={comparePageUrl(a, b)} className={buttonClass("primary", "sm")} data-testid="compare-button">
            Compare
          </Link>
        ) : (
          // A link that cannot be followed yet, said so to a screen reader (a bare span with
          // aria-disabled was read as text, not as the control it stands for).
          <span
            role="link"
            className={`${buttonClass("outline", "sm")} cursor-not-allowed opacity-50`}
            aria-disabled="true"
            data-testid="compare-button"
          >
            Compare
          </span>
        )}
        <span className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {picked.length === 0
            ? "Tick two traces to compare them side by side."
            : picked.length === 1
              ? `A: ${a!.slice(0, 8)}… — tick one more (B).`
              : `A: ${a!.slice(0, 8)}… against B: ${b!.slice(0, 8)}…`}
        </span>
      </div>
      {children}
    </PicksContext.Provider>
  );
}

export function CompareCheckbox({ traceId }: { traceId: string }) {
  const { picked, toggle } = useContext(PicksContext);
  const at = picked.indexOf(traceId);
  return (
    <label className="flex items-center gap-1 text-xs text-zinc-500" title="Pick for comparing side by side">
      <input
        type="checkbox"
        checked={at >= 0}
        onChange={() => toggle(traceId)}
        aria-label={`Pick trace ${traceId} to compare`}
        data-testid="compare-checkbox"
      />
      <span className="w-3 font-semibold">{at === 0 ? "A" : at === 1 ? "B" : ""}</span>
    </label>
  );
}
