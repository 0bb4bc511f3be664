// Both ids are checked here, in the layout, not in the page: the page sits inside loading.tsx's
// boundary, which starts streaming at once, and a "not found" after that is no longer a 404.
// A layout's notFound() is caught one segment up (app/(site)/compare/[a]/not-found.tsx).
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { DatabaseUnreachablePage } from "@/components/ui/MessagePage";
import { DATABASE_DOWN } from "@/lib/api/readUnlessDatabaseDown";
import { readComparedItems } from "./readComparedItems";

export default async function CompareLayout({ params, children }: { params: Promise<{ a: string; b: string }>; children: ReactNode }) {
  const { a, b } = await params;
  const items = await readComparedItems(a, b);
  if (items === DATABASE_DOWN) return <DatabaseUnreachablePage what="these traces" retryHref={`/compare/${a}/${b}`} />;
  if (!items) notFound();
  return children;
}
