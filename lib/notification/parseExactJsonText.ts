import { measureJsonText } from "./measureJsonText";
import { parseMeasuredJson } from "./parseMeasuredJson";

/**
 * JSON text from a trusted writer (ostrace's own API answers, which write payload numbers as
 * they came) -> its value, numbers a double would change kept as JsonNumber. Not for wire
 * input: that is held to the input limits first (decodeMessage.ts).
 */
export function parseExactJsonText(text: string): unknown {
  return parseMeasuredJson(text, measureJsonText(text, { maxDepth: Infinity, maxItems: Infinity }));
}
