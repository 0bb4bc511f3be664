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
 * Local time needs the browser's zone: the server renders the time in UTC, as wide as the local
 * one, and the browser puts its own in once the first frame is painted (no hydration mismatch,
 * nothing beside it moves, and the first render does no more than it must). Once shown, later
 * ones (a span's details opened) show the local time at once.
 */
export function LocalTime({ us }: { us: number }) {
  const shown = useSyncExternalStore(subscribe, readZoneShown, serverZoneShown);
  const painted = useAfterFirstPaint();
  useEffect(() => {
    if (!painted || zoneShown) return;
    zoneShown = true;
    for (const listener of listeners) listener();
  }, [painted]);
  return <>{shown || painted ? formatLocalTimestamp(us) : formatUtcTimestampToMs(us)}</>;
}
