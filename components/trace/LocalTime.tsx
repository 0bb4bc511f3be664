"use client";
import { useSyncExternalStore } from "react";
import { formatLocalTimestamp } from "@/lib/ui/formatTime";

const subscribe = () => () => {};

/**
 * Local time needs the browser's zone: the server renders the time in UTC, as wide as the local
 * one, and the browser puts its own in after hydration (no mismatch, and nothing beside it moves).
 */
export function LocalTime({ us }: { us: number }) {
  const text = useSyncExternalStore(
    subscribe,
    () => formatLocalTimestamp(us),
    () => formatLocalTimestamp(us, "UTC"),
  );
  return <>{text}</>;
}
