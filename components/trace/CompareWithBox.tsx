"use client";
// "Compare with…": paste another trace's base_id (a link to it, or its first hex digits, as in
// the list's box) to see this trace side by side with it. The other trace is A, the baseline;
// this one is B, so the sentence on the compare page reads "B (this trace) is 1.8 s slower than
// A". It sits in the trace header, under the actions: a row of its own above the header cost the
// timeline two rows on a laptop's screen.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { TraceListPage } from "@/lib/trace/traceList";
import { comparePageUrl, tracesByIdPrefixUrl } from "@/lib/ui/apiUrls";
import { resolveTraceIdInput } from "@/lib/ui/resolveTraceIdInput";
import { Button } from "../ui/Button";

// The box is as wide as a base_id (36 monospace characters); a longer hint was cut mid-word.
const COMPARE_WITH_PLACEHOLDER = "Compare with… (baseline base_id)";

export function CompareWithBox({ traceId }: { traceId: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("other") ?? "");
    setLooking(true);
    const resolved = await resolveTraceIdInput(text, findTraceIdsByPrefix, traceId).catch(() => ({
      problem: "The base_id could not be looked up; try again.",
    }));
    setLooking(false);
    if ("problem" in resolved) {
      setProblem(resolved.problem);
      return;
    }
    setProblem(null);
    router.push(comparePageUrl(resolved.traceId, traceId));
  };
  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="relative flex max-w-full flex-wrap items-center gap-2 text-sm lg:justify-end"
      aria-label="Compare this trace with another"
    >
      <input
        name="other"
        placeholder={COMPARE_WITH_PLACEHOLDER}
        aria-label="base_id of the trace to compare with"
        aria-invalid={problem !== null}
        aria-describedby={problem ? "compare-with-problem" : undefined}
        onChange={() => setProblem(null)}
        title="The trace you paste is A (the baseline), this one is B"
        className="w-[22rem] max-w-full rounded border border-zinc-300 bg-white px-2 py-0.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        data-testid="compare-with-input"
      />
      <Button type="submit" size="compact" disabled={looking}>
        Compare
      </Button>
      {/* Over what is below, until the box is edited: in the header's corner, a line of its own
          would widen the header's actions and push them under the title. */}
      {problem && (
        <p
          role="alert"
          id="compare-with-problem"
          className="absolute top-full left-0 z-10 mt-1 w-max max-w-full rounded border border-red-300 bg-white px-2 py-1 text-sm text-red-700 shadow lg:right-0 lg:left-auto dark:border-red-800 dark:bg-zinc-900 dark:text-red-400"
        >
          {problem}
        </p>
      )}
    </form>
  );
}

/** A prefix's stored base_ids, from the list's own query (the list's box filters by the same). */
async function findTraceIdsByPrefix(prefix: string, limit: number): Promise<string[]> {
  const response = await fetch(tracesByIdPrefixUrl(prefix, limit), { cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${response.url}: ${response.status}`);
  return ((await response.json()) as TraceListPage).traces.map((t) => t.traceId);
}
