import { memo } from "react";
import type { SpanSearch } from "@/lib/trace";
import { splitMatches } from "@/lib/ui/splitMatches";

/**
 * At most 8 hits marked per text: what a row's cell shows of a one-letter search in SQL (a hit
 * every 7-12 characters, ~60 characters visible at 1280 px, ~110 on the widest page). Marking
 * all of them (15 per statement in the first 200 characters) made the first keystroke of a
 * search the slowest interaction of the page: ~500 elements created, styled, laid out, painted.
 */
export const ROW_MAX_MARKS = 8;

/**
 * Wire text with the search's hits marked; always rendered as text nodes, never as HTML. Only
 * the hits are elements (the text between them stays bare text nodes): every extra element is
 * style and layout work per keystroke.
 */
export const HighlightedText = memo(function HighlightedText({ text, search }: { text: string; search: SpanSearch | null }) {
  const parts = splitMatches(text, search, 2 * ROW_MAX_MARKS);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, k) =>
        part.match ? <mark key={k} className="rounded-sm bg-amber-200 text-inherit dark:bg-amber-500/40">{part.text}</mark> : part.text,
      )}
    </>
  );
});
