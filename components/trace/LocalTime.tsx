"use client";
import { useEffect, useSyncExternalStore } from "react";
import { formatLocalTimestamp, formatUtcTimestampToMs } from "@/lib/ui/formatTime";
import { useAfterFirstPaint } from "./useAfterFirstPaint";

// Whether this document has shown a local time yet: hydration is over from then on.
let zoneShown = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const readZoneShown = () => zoneShown;
const serverZoneShown = () => false;

/**
 * Local time, beside the UTC time it is always shown with. It needs the browser's zone: the
 * server renders a hidden placeholder (the time in UTC, as wide as the local one) and the browser
 * puts its own in once the first frame is painted (no hydration mismatch, nothing beside it moves,
 * and the first render does no more than it must). Once shown, later ones (a span's details
 * opened) show the local time at once. Where the local time reads as the UTC one (a browser at
 * UTC), it stays hidden: the time reads once, and the room it keeps moves nothing. `prefix` (a
 * separator) is shown and hidden with it.
 */
export function LocalTime({ us, prefix = "" }: { us: number; prefix?: string }) {
  const shown = useSyncExternalStore(subscribe, readZoneShown, serverZoneShown);
  const painted = useAfterFirstPaint();
  useEffect(() => {
    if (!painted || zoneShown) return;
    zoneShown = true;
    for (const listener of listeners) listener();
  }, [painted]);
  const utc = formatUtcTimestampToMs(us);
  const local = shown || painted ? formatLocalTimestamp(us) : utc;
  const hidden = local === utc;
  return (
    <span className={hidden ? "invisible" : undefined} aria-hidden={hidden || undefined}>
      {prefix}
      {local}
    </span>
  );
}
