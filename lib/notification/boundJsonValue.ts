// The limits of inputLimits.ts applied to a value that is already parsed (an imported report's
// payloads, a payload whose text scan found a long string or a huge number): one iterative walk,
// never recursion, so any depth is safe to look at.
import { cutLongString } from "./cutLongString";
import type { InputLimits } from "./inputLimits";
import { isJsonNumber } from "./JsonNumber";
import type { Json } from "./types";

export type BoundResult = { reason: string } | { truncated: number };

/**
 * Checks depth (the value itself is level 1), number of values and numbers beyond a double;
 * cuts strings longer than maxStringChars in place (the value must be one the caller parsed) and
 * says how many. A key longer than maxStringChars is a reason: cutting keys could merge them.
 */
export function boundJsonValue(
  value: Json,
  limits: Pick<InputLimits, "maxJsonDepth" | "maxJsonItems" | "maxStringChars">,
  what = "payload",
): BoundResult {
  if (!isFiniteNumber(value)) return { reason: `${what} is a number beyond the range of a double` };
  if (typeof value !== "object" || value === null || isJsonNumber(value)) return { truncated: 0 };
  let truncated = 0;
  let items = 0;
  const stack: { node: Record<string, Json> | Json[]; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const keys = Object.keys(node);
    items += keys.length;
    if (items > limits.maxJsonItems) return { reason: tooMany(what, limits.maxJsonItems) };
    for (const key of keys) {
      if (key.length > limits.maxStringChars) {
        return {
          reason: `${what} has an object key of ${key.length} characters; at most ${limits.maxStringChars} (OSTRACE_MAX_STRING_CHARS)`,
        };
      }
      const child = (node as Record<string, Json>)[key]!;
      if (typeof child === "string") {
        if (child.length > limits.maxStringChars) {
          (node as Record<string, Json>)[key] = cutLongString(child, limits.maxStringChars);
          truncated++;
        }
      } else if (typeof child === "number" || isJsonNumber(child)) {
        if (!isFiniteNumber(child))
          return { reason: `${what} holds a number beyond the range of a double (at key ${JSON.stringify(key.slice(0, 64))})` };
      } else if (typeof child === "object" && child !== null) {
        if (depth + 1 > limits.maxJsonDepth) return { reason: tooDeep(what, limits.maxJsonDepth) };
        stack.push({ node: child, depth: depth + 1 });
      }
    }
  }
  return { truncated };
}

/** A literal kept as text (1e400 among them) is held to the same range as a parsed number. */
function isFiniteNumber(value: Json): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return !isJsonNumber(value) || Number.isFinite(Number(value.text));
}

export function tooDeep(what: string, maxDepth: number): string {
  return `${what} nests objects and arrays deeper than ${maxDepth} levels (OSTRACE_MAX_JSON_DEPTH)`;
}

export function tooMany(what: string, maxItems: number): string {
  return `${what} holds more than ${maxItems} values (object members and array elements; OSTRACE_MAX_JSON_ITEMS)`;
}
