// A virtual tree's search hits painted from ranges over its mounted rows' text
// (paintHitHighlights): no <mark> elements, so a keystroke re-lays out nothing. Painted after
// every render (a keystroke, a scroll that mounts rows), cleared when the tree unmounts. The
// trace's timeline and the comparison's both paint their hits so.
import { useLayoutEffect, type RefObject } from "react";
import type { SpanSearch } from "@/lib/trace";
import { clearHitHighlights, paintHitHighlights, supportsHighlights } from "./HighlightedText";

/** Whether the hits are painted; where they are not (no custom highlights), the rows mark them themselves. */
export function usePaintedHits(bodyRef: RefObject<HTMLElement | null>, search: SpanSearch | null): boolean {
  useLayoutEffect(() => {
    paintHitHighlights(bodyRef.current, search);
  });
  useLayoutEffect(() => clearHitHighlights, []);
  return supportsHighlights();
}
