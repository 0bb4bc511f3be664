// The shape measureJsonText would measure, read from the value JSON.parse made of a short text
// instead of from the text: the collector's common notification (~1 KB) then costs one walk of its
// ~40 values, not a scan of every character outside its strings and an indexOf a string (~17k
// instructions a notification, docs/benchmarks.md §72, §81). A number's literal is not in the value
// (3.0 and 3 parse alike), so a value holding any number is left to the text scan: null.
// Iterative, and it stops once depth or items pass the limits: the caller then measures the text,
// whose answer (and reason) is the one that counts.
import type { JsonTextShape, JsonTextStop } from "./measureJsonText";

/** The shape of `value` (JSON.parse's, of a text of at most maxStringChars) within `stop`, or null: a number in it, or a limit passed. */
export function shapeOfParsedJson(value: unknown, stop: JsonTextStop): JsonTextShape | null {
  if (typeof value !== "object" || value === null)
    return typeof value === "string" ? shapeOf(0, 0, value.length) : typeof value === "number" ? null : shapeOf(0, 0, 0);
  let depth = 0;
  let items = 0;
  let longestString = 0;
  const containers: object[] = [value];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const node = containers.pop()!;
    const level = depths.pop()!;
    if (level > depth) {
      depth = level;
      if (depth > stop.maxDepth) return null;
    }
    if (Array.isArray(node)) {
      items += node.length;
      if (items > stop.maxItems) return null;
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (typeof child === "string") {
          if (child.length > longestString) longestString = child.length;
        } else if (typeof child === "number") return null;
        else if (typeof child === "object" && child !== null) {
          containers.push(child);
          depths.push(level + 1);
        }
      }
      continue;
    }
    const keys = Object.keys(node);
    items += keys.length;
    if (items > stop.maxItems) return null;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key.length > longestString) longestString = key.length;
      const child: unknown = (node as Record<string, unknown>)[key];
      if (typeof child === "string") {
        if (child.length > longestString) longestString = child.length;
      } else if (typeof child === "number") return null;
      else if (typeof child === "object" && child !== null) {
        containers.push(child);
        depths.push(level + 1);
      }
    }
  }
  return shapeOf(depth, items, longestString);
}

function shapeOf(depth: number, items: number, longestString: number): JsonTextShape {
  return { depth, items, longestString, bigNumber: false, inexactNumber: false };
}
