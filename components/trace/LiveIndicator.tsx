"use client";
// "Live: watching for more spans, the last came 4 s ago" while the page follows a trace that
// changed recently, and why it stopped following when it did. Recently changed is all the server
// knows (lib/api/traceLiveness): a finished trace's last batch looks the same for 30 s, so the line
// does not claim that spans are still arriving. It counts the seconds on from the server's
// last answer with its own timer, so only this line re-renders every second.
import { memo, useEffect, useState } from "react";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import type { TraceFollowing } from "./useCompactTrace";
import { Button } from "../ui/Button";

export const LiveIndicator = memo(function LiveIndicator({ following, onFollow }: { following: TraceFollowing; onFollow(): void }) {
  // Null until the first tick: the first render shows what the server said (the same text on the
  // server and at hydration, whenever the browser gets to it), the timer counts on from there.
  const [nowMs, setNowMs] = useState<number | null>(null);
  const ticking = following.state !== "static";
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNowMs(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  if (following.state === "static") return null;

  const quietUs = following.quietUs + (nowMs === null ? 0 : Math.max(0, nowMs - following.atMs) * 1000);
  const ago = formatAgo(quietUs);
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="live-indicator"
      data-state={following.state}
      className="flex flex-wrap items-center gap-x-2 text-sm"
    >
      {following.state === "live" ? (
        <>
          <span aria-hidden className="relative inline-flex h-2.5 w-2.5">
            <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-500 opacity-60 motion-reduce:animate-none" />
            <span className="relative inline-flex h-2.5 w-2.5 rounded-full bg-emerald-600" />
          </span>
          <span>
            <span className="font-semibold text-emerald-800 dark:text-emerald-300">Live:</span> watching for more spans, the last came {ago}{" "}
            ago
          </span>
        </>
      ) : (
        <>
          <span
            aria-hidden
            className={`inline-block h-2.5 w-2.5 rounded-full ${following.reason === "quiet" ? "bg-zinc-400" : "bg-amber-500"}`}
          />
          <span className="text-zinc-700 dark:text-zinc-300">
            {following.reason === "quiet"
              ? `No new spans for ${ago}: stopped following this trace.`
              : "The server stopped answering: stopped following this trace."}
          </span>
          <Button variant="link" onClick={onFollow}>
            {following.reason === "quiet" ? "Check again" : "Try again"}
          </Button>
        </>
      )}
    </p>
  );
});

/** Whole seconds below a minute ("4 s"), then the usual short form ("2 min 05 s"). */
function formatAgo(us: number): string {
  return us < 60_000_000 ? `${Math.max(0, Math.round(us / 1_000_000))} s` : formatDurationUs(us);
}
