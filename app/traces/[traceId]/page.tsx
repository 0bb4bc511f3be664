// /traces/{base_id}: a fast existence check on the server (a real 404 for unknown ids), then
// the browser fetches the compact trace and draws it (a 100k-span trace never goes through a
// server-component payload). No loading.tsx here: it would start streaming before notFound().
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { preload } from "react-dom";
import { CompareWithBox } from "@/components/trace/CompareWithBox";
import { TraceViewer } from "@/components/trace/TraceViewer";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { getSharedDb } from "@/lib/db/shared";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { compactTraceUrl } from "@/lib/ui/apiUrls";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).traceId, "traceId");
  return { title: typeof id === "string" ? `Trace ${id.slice(0, 8)}` : "Trace not found" };
}

export default async function TracePage({ params, searchParams }: Props) {
  const traceId = parseIdParam((await params).traceId, "traceId");
  if (typeof traceId !== "string") notFound();
  const summary = await readTraceListItem(await getSharedDb(), traceId);
  if (!summary) notFound();
  // The compact trace starts downloading with the HTML, not after the JavaScript has run.
  preload(compactTraceUrl(traceId), { as: "fetch", crossOrigin: "anonymous" });
  return (
    <>
      <div className="mx-auto max-w-[120rem] px-4 pt-3">
        <CompareWithBox traceId={traceId} />
      </div>
      <TraceViewer traceId={traceId} initialQuery={toQuery(await searchParams)} />
    </>
  );
}

function toQuery(searchParams: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params.toString();
}
