"use client";
// The trace page's first tab stop: its toolbar, filters and panels hold some 26 stops before the
// span tree, which is what a keyboard reader opened the page for. Shown on focus only; Enter moves
// focus to the tree, whose first focus makes its first row active.
import { usePathname } from "next/navigation";
import { SPAN_TREE_ID } from "./spanTreeId";

export function SkipToSpans() {
  const pathname = usePathname();
  if (!/^\/traces\/[^/]+$/.test(pathname)) return null;
  return (
    <a
      href={`#${SPAN_TREE_ID}`}
      onClick={(event) => {
        const tree = document.getElementById(SPAN_TREE_ID);
        if (!tree) return; // still loading: the fragment is where it will be
        event.preventDefault();
        tree.focus();
      }}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-sky-700 focus:shadow focus:ring-2 focus:ring-sky-500 dark:focus:bg-zinc-900 dark:focus:text-sky-400"
      data-testid="skip-to-spans"
    >
      Skip to spans
    </a>
  );
}
