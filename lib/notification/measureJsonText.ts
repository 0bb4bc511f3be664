// A linear pre-scan of JSON text, before JSON.parse builds anything: how deep it nests, how many
// values its containers hold, its longest string, whether a number may overflow a double and
// whether one would not survive a double at all (JsonNumber.ts).
// It is not a validator (JSON.parse still is); on valid JSON its counts are exact, and on any
// text it finishes in one pass with no recursion, stopping as soon as a limit is passed.
import { findJsonStringEnd } from "./findJsonStringEnd";
import { numberLiteralSurvives } from "./JsonNumber";

export type JsonTextShape = {
  /** Deepest nesting of objects and arrays: 0 for a bare scalar, 1 for {} or []. */
  depth: number;
  /** Object members plus array elements, at every level. */
  items: number;
  /** Characters between the quotes of the longest string or key, escapes as written (never fewer than the parsed string's). */
  longestString: number;
  /** A number literal that may not fit a double (an exponent of 3+ digits, or 300+ characters): JSON.parse makes it Infinity. */
  bigNumber: boolean;
  /** A number literal a double would not give back as written (3.0, 9007199254740993): parse with parseExactJson. */
  inexactNumber: boolean;
};

/** The scan stops once depth or items pass these; the shape then shows the limit passed. */
export type JsonTextStop = { maxDepth: number; maxItems: number };

export function measureJsonText(text: string, stop: JsonTextStop): JsonTextShape {
  const shape: JsonTextShape = { depth: 0, items: 0, longestString: 0, bigNumber: false, inexactNumber: false };
  let depth = 0;
  /** Just after "[" or "{": the next value (or key) is the container's first item. */
  let opened = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x5d || c === 0x7d) {
      // ] }
      opened = false;
      depth--;
      continue;
    }
    if (c === 0x2c) {
      // ,
      if (depth > 0) shape.items++;
      if (shape.items > stop.maxItems) return shape;
      continue;
    }
    if (c === 0x3a) continue; // :
    if (opened) {
      shape.items++;
      opened = false;
      if (shape.items > stop.maxItems) return shape;
    }
    if (c === 0x5b || c === 0x7b) {
      // [ {
      depth++;
      opened = true;
      if (depth > shape.depth) {
        shape.depth = depth;
        if (depth > stop.maxDepth) return shape;
      }
    } else if (c === 0x22) {
      // "
      const end = findJsonStringEnd(text, i);
      if (end < 0) return shape; // unterminated: JSON.parse says so
      if (end - i - 1 > shape.longestString) shape.longestString = end - i - 1;
      i = end;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // - 0-9
      const start = i;
      let exponentAt = -1;
      let fraction = false;
      while (i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d === 0x65 || d === 0x45) exponentAt = i + 1;
        else if (d === 0x2e) fraction = true;
        else if (!((d >= 0x30 && d <= 0x39) || d === 0x2b || d === 0x2d)) break;
        i++;
      }
      const length = i - start + 1;
      const exponentDigits = exponentAt < 0 ? 0 : i - exponentAt - (/[+-]/.test(text[exponentAt + 1] ?? "") ? 1 : 0);
      if (exponentDigits >= 3 || length >= 300) shape.bigNumber = true;
      // Integers of up to 15 digits are exact in a double: the common case costs no more than this.
      if (
        !shape.inexactNumber &&
        (fraction || exponentAt >= 0 || length > 15 || (c === 0x2d && length === 2 && text.charCodeAt(start + 1) === 0x30))
      ) {
        shape.inexactNumber = !numberLiteralSurvives(text.slice(start, i + 1));
      }
    }
    // anything else (true, false, null, or garbage) is one character of a scalar
  }
  return shape;
}
