"use client";
import { formatLocalTimestamp, formatUtcTimestampToMs } from "@/lib/ui/formatTime";
import { useAfterFirstPaint } from "./useAfterFirstPaint";

/**
 * Local time needs the browser's zone: the server renders the time in UTC, as wide as the local
 * one, and the browser puts its own in once the first frame is painted (no hydration mismatch,
 * nothing beside it moves, and the first render of a page opened from the list does not pay for
 * the zone data: ~8 ms of ICU set-up in Chromium).
 */
export function LocalTime({ us }: { us: number }) {
  const local = useAfterFirstPaint();
  return <>{local ? formatLocalTimestamp(us) : formatUtcTimestampToMs(us)}</>;
}
