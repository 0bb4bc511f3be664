"use client";
import { useSyncExternalStore } from "react";
import { formatLocalTimestamp } from "@/lib/ui/formatTime";

const subscribe = () => () => {};

/** Local time needs the browser's zone: the server renders nothing, the browser fills it in (no hydration mismatch). */
export function LocalTime({ us }: { us: number }) {
  const text = useSyncExternalStore(subscribe, () => formatLocalTimestamp(us), () => "");
  return <>{text}</>;
}
