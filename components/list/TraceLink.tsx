"use client";
// A trace's link in the list. A trace page is rendered per request, and Next.js prefetches nothing
// of such a route for a link in view (only routes with a loading.tsx, which the trace page cannot
// have: it would stream before its 404). So the page is prefetched once the pointer or the focus
// is on the link, when a click is likely: by the click, the page's payload and scripts are here
// and opening a trace waits for neither. One page per hovered link, not one per listed trace.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { tracePageUrl } from "@/lib/ui/apiUrls";

export function TraceLink({
  traceId,
  className,
  title,
  children,
}: {
  traceId: string;
  className: string;
  title: string;
  children: ReactNode;
}) {
  const [intent, setIntent] = useState(false);
  const showIntent = () => setIntent(true);
  return (
    <Link
      href={tracePageUrl(traceId)}
      prefetch={intent}
      onPointerEnter={showIntent}
      onFocus={showIntent}
      className={className}
      title={title}
    >
      {children}
    </Link>
  );
}
