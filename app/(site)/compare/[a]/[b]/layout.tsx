// Both ids are checked here, in the layout, not in the page: the page sits inside loading.tsx's
// boundary, which starts streaming at once, and a "not found" after that is no longer a 404.
// A layout's notFound() is caught one segment up (app/(site)/compare/[a]/not-found.tsx).
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { getSharedDb } from "@/lib/db/shared";

export default async function CompareLayout({ params, children }: { params: Promise<{ a: string; b: string }>; children: ReactNode }) {
  const { a, b } = await params;
  const aId = parseIdParam(a, "traceId"),
    bId = parseIdParam(b, "traceId");
  if (typeof aId !== "string" || typeof bId !== "string") notFound();
  const db = await getSharedDb();
  const [aItem, bItem] = await Promise.all([readTraceListItem(db, aId), readTraceListItem(db, bId)]);
  if (!aItem || !bItem) notFound();
  return children;
}
