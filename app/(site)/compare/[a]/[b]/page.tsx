// /compare/{a}/{b}: two traces side by side. The layout has checked that both exist; the
// browser fetches both compact traces and aligns them (components/compare/CompareViewer).
import type { Metadata } from "next";
import { CompareViewer } from "@/components/compare/CompareViewer";
import { parseIdParam } from "@/lib/api/parseIdParam";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ a: string; b: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function readIds(params: Props["params"]): Promise<[string, string]> {
  const { a, b } = await params;
  // Valid: the layout answered 404 otherwise.
  return [parseIdParam(a, "traceId") as string, parseIdParam(b, "traceId") as string];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [a, b] = await readIds(params);
  return { title: `Compare ${a.slice(0, 8)} with ${b.slice(0, 8)}` };
}

export default async function ComparePage({ params, searchParams }: Props) {
  const [aId, bId] = await readIds(params);
  return <CompareViewer aId={aId} bId={bId} initialQuery={toQuery(await searchParams)} />;
}

function toQuery(searchParams: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  return query.toString();
}
