import { memo } from "react";
import type { SpanSearch } from "@/lib/trace";
import { splitMatches } from "@/lib/ui/splitMatches";

/**
 * Wire text with the search's hits marked; always rendered as text nodes, never as HTML. Only
 * the hits are elements (the text between them stays bare text nodes): a one-letter search
 * marks dozens of hits per row, and every extra element is style and layout work per keystroke.
 */
export const HighlightedText = memo(function HighlightedText({ text, search }: { text: string; search: SpanSearch | null }) {
  const parts = splitMatches(text, search);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, k) =>
        part.match ? <mark key={k} className="rounded-sm bg-amber-200 text-inherit dark:bg-amber-500/40">{part.text}</mark> : part.text,
      )}
    </>
  );
});
