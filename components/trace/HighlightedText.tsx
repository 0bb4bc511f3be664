import { memo } from "react";
import type { SpanSearch } from "@/lib/trace";
import { findMatchRanges, splitMatches } from "@/lib/ui/splitMatches";

/**
 * At most 8 hits marked per text: what a row's cell shows of a one-letter search in SQL (a hit
 * every 7-12 characters, ~60 characters visible at 1280 px, ~110 on the widest page). Marking
 * all of them (15 per statement in the first 200 characters) made the first keystroke of a
 * search the slowest interaction of the page: ~500 elements created, styled, laid out, painted.
 */
export const ROW_MAX_MARKS = 8;

/** The CSS custom highlight painting the timeline rows' search hits (`::highlight(span-search)` in globals.css). */
export const SEARCH_HIGHLIGHT = "span-search";

/** Elements whose own text nodes (not their child elements') are searched for hits to paint. */
const HIT_TEXT_SELECTOR = "[data-hit-text]";

/**
 * Whether the browser paints highlights from ranges (CSS Custom Highlight API: Chromium 105+,
 * Safari 17.2+, Firefox 140+). Not in jsdom nor older browsers: those get `<mark>` elements.
 */
export function supportsHighlights(): boolean {
  return typeof CSS !== "undefined" && CSS.highlights !== undefined && typeof Highlight === "function";
}

/**
 * Wire text with the search's hits marked; always rendered as text nodes, never as HTML. Only
 * the hits are elements (the text between them stays bare text nodes): every extra element is
 * style and layout work per keystroke.
 */
const HighlightedText = memo(function HighlightedText({ text, search }: { text: string; search: SpanSearch | null }) {
  const parts = splitMatches(text, search, 2 * ROW_MAX_MARKS);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, k) =>
        part.match ? (
          <mark key={k} className="rounded-sm bg-amber-200 text-inherit dark:bg-amber-500/40">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
});

/**
 * A timeline row's searchable text. Where the browser has custom highlights it is a bare text
 * node whatever the search: the hits are painted from ranges (paintHitHighlights), so a
 * keystroke changes no element and lays nothing out again. Elsewhere its hits are `<mark>`s.
 * Its parent element must carry `data-hit-text`.
 */
export const RowText = memo(function RowText({ text, search }: { text: string; search: SpanSearch | null }) {
  return supportsHighlights() ? <>{text}</> : <HighlightedText text={text} search={search} />;
});

/**
 * Paints the search's hits in the rows under root: one Range per hit (the first ROW_MAX_MARKS
 * of each text) in the single SEARCH_HIGHLIGHT highlight, replacing the previous ones. No DOM
 * change: only a repaint of the hit text. No-op without custom highlights.
 */
export function paintHitHighlights(root: HTMLElement | null, search: SpanSearch | null): void {
  if (!supportsHighlights()) return;
  if (!root || !search || search.text === "") {
    CSS.highlights.delete(SEARCH_HIGHLIGHT);
    return;
  }
  const ranges: Range[] = [];
  for (const element of root.querySelectorAll(HIT_TEXT_SELECTOR)) {
    for (let node = element.firstChild; node !== null; node = node.nextSibling) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const text = (node as Text).data;
      for (const [start, end] of findMatchRanges(text, search, 2 * ROW_MAX_MARKS)) {
        const range = new Range();
        range.setStart(node, start);
        range.setEnd(node, end);
        ranges.push(range);
      }
    }
  }
  if (ranges.length === 0) CSS.highlights.delete(SEARCH_HIGHLIGHT);
  else CSS.highlights.set(SEARCH_HIGHLIGHT, new Highlight(...ranges));
}

/** Removes the painted hits (the timeline unmounted). */
export function clearHitHighlights(): void {
  if (supportsHighlights()) CSS.highlights.delete(SEARCH_HIGHLIGHT);
}
