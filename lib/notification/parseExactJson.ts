// JSON text -> the same value JSON.parse builds, except that a number literal a double would not
// give back (JsonNumber.ts) is kept as a JsonNumber. Only for text that measureJsonText found
// such a literal in: the slow path, taken by few payloads. Strings go through JSON.parse (native,
// exact for every escape and lone surrogate); nothing recurses, so any depth is safe.
import { findJsonStringEnd } from "./findJsonStringEnd";
import { JsonNumber, numberLiteralSurvives } from "./JsonNumber";
import type { Json } from "./types";

type Frame = { container: Json[] | { [key: string]: Json }; key: string | null };

/**
 * The text must be valid JSON (callers have JSON.parse check it first and report its error);
 * on anything else this throws a SyntaxError but says little about where.
 */
export function parseExactJson(text: string): Json {
  const stack: Frame[] = [];
  let root: Json | undefined;
  let i = 0;
  const n = text.length;
  const put = (value: Json) => {
    const top = stack[stack.length - 1];
    if (!top) root = value;
    else if (Array.isArray(top.container)) top.container.push(value);
    else setOwn(top.container, top.key!, value);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c) {
      // whitespace ,
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      // { [
      const container: Frame["container"] = c === 0x7b ? {} : [];
      put(container);
      stack.push({ container, key: null });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      // } ]
      if (stack.pop() === undefined) throw new SyntaxError("unbalanced JSON");
      i++;
    } else if (c === 0x22) {
      // "
      const end = findJsonStringEnd(text, i);
      if (end < 0) throw new SyntaxError("unterminated JSON string");
      const raw = text.slice(i, end + 1);
      const value = raw.indexOf("\\") < 0 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
      i = end + 1;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      const top = stack[stack.length - 1];
      if (text.charCodeAt(i) === 0x3a && top && !Array.isArray(top.container)) {
        // a key
        top.key = value;
        i++;
      } else {
        put(value);
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // - 0-9
      const start = i;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const literal = text.slice(start, i);
      put(numberLiteralSurvives(literal) ? Number(literal) : new JsonNumber(literal));
    } else if (text.startsWith("true", i)) {
      put(true);
      i += 4;
    } else if (text.startsWith("false", i)) {
      put(false);
      i += 5;
    } else if (text.startsWith("null", i)) {
      put(null);
      i += 4;
    } else {
      throw new SyntaxError(`unexpected character at position ${i} of JSON`);
    }
  }
  if (root === undefined || stack.length > 0) throw new SyntaxError("incomplete JSON");
  return root;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x65 || c === 0x45;
}

/** JSON.parse keeps "__proto__" as an own key; plain assignment would set the prototype. */
function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
