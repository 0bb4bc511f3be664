"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** New traces keep arriving: re-reads the list without losing the filters. */
export function RefreshButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" onClick={() => startTransition(() => router.refresh())} disabled={pending} className="rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
      {pending ? "Refreshing…" : "Refresh"}
    </button>
  );
}
