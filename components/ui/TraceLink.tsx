"use client";
// A link to a trace's page from a list of traces (the trace list, a statement's slowest uses). A trace page is rendered per request, and Next.js prefetches nothing
// of such a route for a link in view (only routes with a loading.tsx, which the trace page cannot
// have: it would stream before its 404). So the page is prefetched once the focus is on the link,
// or the pointer has rested on it for INTENT_MS, when a click is likely: by the click, the page's
// payload and scripts are here and opening a trace waits for neither. A pointer sweeping across
// the list prefetches nothing: each prefetch is a page the server renders.
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { tracePageUrl } from "@/lib/ui/apiUrls";

/** How long the pointer rests on a link before it counts as the intent to click (instant.page's 65 ms, rounded up). */
const INTENT_MS = 80;

type Props = { traceId: string; className: string; title?: string; children: ReactNode };

export function TraceLink({ traceId, className, title, children }: Props) {
  const [intent, setIntent] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopWaiting = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stopWaiting, []);
  return (
    <Link
      href={tracePageUrl(traceId)}
      prefetch={intent}
      onPointerEnter={() => {
        stopWaiting();
        timer.current = setTimeout(() => setIntent(true), INTENT_MS);
      }}
      onPointerLeave={stopWaiting}
      onFocus={() => setIntent(true)}
      className={className}
      title={title}
    >
      {children}
    </Link>
  );
}
