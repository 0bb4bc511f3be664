"use client";
import { useEffect, useSyncExternalStore } from "react";
import { formatLocalTimestamp, formatTimestampAtOffset, formatUtcTimestampToMs } from "@/lib/ui/formatTime";
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

/** The widest offset a zone writes ("GMT+13:45", Chatham Islands' summer time): the room kept. */
const WIDEST_OFFSET_MINUTES = 13 * 60 + 45;

/**
 * Local time, beside the UTC time it is always shown with. It needs the browser's zone: the
 * server renders only its room (hidden: as wide as the widest local time) and the browser puts
 * the local time in once the first frame is painted (no hydration mismatch, nothing beside it
 * moves whatever the zone, and the first render does no more than it must). Once shown, later
 * ones (a span's details opened) show the local time at once. Where the local time reads as the
 * UTC one (a browser at UTC), it is not shown: the time reads once, and the room stays empty.
 * Below 640 px no room is kept: it did not fit beside the UTC time, so it was a line of its own,
 * left blank at UTC; there a local time moves what is under it by one line once it is shown.
 * `prefix` (a separator) is shown with it.
 */
export function LocalTime({ us, prefix = "" }: { us: number; prefix?: string }) {
  const shown = useSyncExternalStore(subscribe, readZoneShown, serverZoneShown);
  const painted = useAfterFirstPaint();
  useEffect(() => {
    if (!painted || zoneShown) return;
    zoneShown = true;
    for (const listener of listeners) listener();
  }, [painted]);
  const local = shown || painted ? formatLocalTimestamp(us) : null;
  return (
    <span className="inline-grid">
      <span aria-hidden className="invisible col-start-1 row-start-1 max-sm:hidden">
        {prefix}
        {formatTimestampAtOffset(us, WIDEST_OFFSET_MINUTES)}
      </span>
      {local !== null && local !== formatUtcTimestampToMs(us) && (
        <span className="col-start-1 row-start-1">
          {prefix}
          {local}
        </span>
      )}
    </span>
  );
}
