// The id is checked here, before the page: a malformed one is not a trace that may still arrive,
// and a layout's notFound() is caught one segment up (app/(site)/traces/not-found.tsx, which says
// what a trace id looks like), while the page's own notFound() for a well-formed id that is not
// stored is caught next to it (./not-found.tsx, which says why it may not be there yet).
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { parseIdParam } from "@/lib/api/parseIdParam";

export default async function TraceLayout({ params, children }: { params: Promise<{ traceId: string }>; children: ReactNode }) {
  if (typeof parseIdParam((await params).traceId, "traceId") !== "string") notFound();
  return children;
}
