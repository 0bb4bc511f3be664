// The mark that ends a text clipped for display (clipTraceTexts.ts), read back by the page: the
// whole text's hash names it to the server (its statement page, the search of whole texts).
// A module of its own: the page's search reads it on every keystroke, without the clipping code.

/** Ends a text clipped for the browser; the whole text is in storage (the span API, the exports). */
export const CLIP_MARK = "…[clipped for display: ";

/** The hash of the whole text a clipped text stands for (hashAggregateKey), or null for a text that was not clipped. */
export function readClippedHash(text: string): string | null {
  const m = /…\[clipped for display: \d+ characters, #([0-9a-f]{16})\]$/.exec(text.slice(-80));
  return m ? m[1]! : null;
}

/** A clipped text's kept start (without the mark) and its whole text's hash; null for a text that was not clipped. */
export function splitClippedText(text: string): { kept: string; hash: string } | null {
  const hash = readClippedHash(text);
  return hash === null ? null : { kept: text.slice(0, text.lastIndexOf(CLIP_MARK)), hash };
}
