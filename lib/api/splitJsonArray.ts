// A request body holding a JSON array -> the text of each element, found by one linear scan
// (no JSON.parse of the whole): each element is then held to the input limits on its own, so
// one element nested 100,000 deep is quarantined while its siblings are stored. The scan only
// finds the top-level commas and brackets; each element's own syntax is JSON.parse's business.
import { findJsonStringEnd } from "../notification/findJsonStringEnd";

export type ArraySplit = { elements: [start: number, end: number][] } | { error: string } | { tooMany: number };

/** Null when the text is not an array (its first non-blank character is not "["). */
export function splitJsonArray(text: string, maxElements: number): ArraySplit | null {
  const n = text.length;
  let i = skipBlanks(text, 0);
  if (text.charCodeAt(i) !== 0x5b) return null;
  const elements: [number, number][] = [];
  let depth = 1;
  let start = -1;
  let last = -1;
  const close = (at: number): string | null => {
    if (start < 0) return elements.length === 0 && text.charCodeAt(at) === 0x5d ? null : `an empty element at character ${at}`;
    elements.push([start, last + 1]);
    start = -1;
    return null;
  };
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (depth === 1 && (c === 0x2c || c === 0x5d || c === 0x7d)) {
      // , ] } at the top level
      if (c === 0x7d) return { error: `unexpected "}" at character ${i}` };
      const problem = close(i);
      if (problem) return { error: problem };
      if (elements.length > maxElements) return { tooMany: elements.length };
      if (c === 0x5d) {
        const rest = skipBlanks(text, i + 1);
        return rest === n ? { elements } : { error: `unexpected text after the array at character ${rest}` };
      }
      continue;
    }
    if (start < 0) start = i;
    if (c === 0x22) {
      const end = findJsonStringEnd(text, i);
      if (end < 0) return { error: "unterminated string" };
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
    last = i;
  }
  return { error: "unexpected end of the array" };
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}
