import Link from "next/link";
import { CollectorBadge } from "./CollectorBadge";
import { SkipToSpans } from "./trace/SkipToSpans";

export function AppHeader() {
  // Before the header: a skip link is the page's first tab stop.
  return (
    <>
      <SkipToSpans />
      <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-12 max-w-[120rem] items-center gap-6 px-4">
          <Link href="/" className="flex items-baseline gap-2 font-semibold tracking-tight">
            <span className="text-lg">ostrace</span>
            <span className="hidden text-xs font-normal text-zinc-500 sm:inline dark:text-zinc-400">OSprofiler traces</span>
          </Link>
          <nav aria-label="Main" className="text-sm">
            <Link href="/" className="text-zinc-700 hover:underline dark:text-zinc-300">
              Traces
            </Link>
          </nav>
          <div className="ml-auto">
            <CollectorBadge />
          </div>
        </div>
      </header>
    </>
  );
}
