"use client";
// Shown while a big trace's first spans are on screen and the rest is still arriving: what the
// page shows is not the whole trace yet, and breakdowns, search and the critical path cover only
// the spans received (they are computed again for the whole trace when it is in).
import type { ChunkedLoading } from "./useCompactTrace";
import { formatCount } from "@/lib/ui/formatCount";

export function ChunkLoadingStatus({ loading }: { loading: ChunkedLoading }) {
  const percent = loading.size > 0 ? Math.floor((loading.received / loading.size) * 100) : 100;
  return (
    <p
      role="status"
      data-testid="trace-chunks-loading"
      data-received={loading.received}
      data-size={loading.size}
      className="mx-auto max-w-[120rem] px-4 pt-3 text-sm text-zinc-600 dark:text-zinc-400"
    >
      Loading {formatCount(loading.received)} of {formatCount(loading.size)} spans ({percent}%): the timeline, search and breakdowns cover
      the spans loaded so far.
    </p>
  );
}
