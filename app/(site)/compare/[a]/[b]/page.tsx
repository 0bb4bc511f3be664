// /compare/{a}/{b}: two traces side by side. The layout has checked that both exist; the
// browser fetches both compact traces and aligns them (components/compare/CompareViewer).
import type { Metadata } from "next";
import { CompareViewer } from "@/components/compare/CompareViewer";
import { describeComparedRequests } from "@/lib/ui/describeTraceListItem";
import { readComparedItems } from "./readComparedItems";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ a: string; b: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Both ids and the name of what they are (the list's name for each request); null when the layout shows a message instead. */
async function readCompared(params: Props["params"]) {
  const { a, b } = await params;
  const items = await readComparedItems(a, b);
  if (!Array.isArray(items)) return null;
  const [aItem, bItem] = items;
  return { aId: aItem.traceId, bId: bItem.traceId, request: describeComparedRequests(aItem, bItem) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const compared = await readCompared(params);
  if (!compared) return { title: "Compare" };
  const { aId, bId, request } = compared;
  return { title: `Compare ${request}: ${aId.slice(0, 8)} with ${bId.slice(0, 8)}` };
}

export default async function ComparePage({ params, searchParams }: Props) {
  const compared = await readCompared(params);
  if (!compared) return null;
  const { aId, bId, request } = compared;
  return <CompareViewer aId={aId} bId={bId} request={request} initialQuery={toQuery(await searchParams)} />;
}

function toQuery(searchParams: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  return query.toString();
}
