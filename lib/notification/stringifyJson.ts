// JSON text of a value from the wire, each JsonNumber written as the literal it came as. The
// common value holds none, and one native JSON.stringify tells (JsonNumber.toJSON counts its
// calls); only a value that held some is written again, by the exact writer below. Nothing
// recurses over the value, so any depth is safe.
import { countDoublesWritten, isJsonNumber } from "./JsonNumber";
import type { Json } from "./types";

export type JsonText = {
  text: string;
  /** Whether the value held a JsonNumber (the text then has literals JSON.parse would change). */
  exactNumbers: boolean;
};

/** Like JSON.stringify (same escapes, same layout, keys in order), JsonNumbers verbatim. */
export function stringifyJson(value: Json): string {
  return stringifyJsonNoting(value).text;
}

export function stringifyJsonNoting(value: Json): JsonText {
  const before = countDoublesWritten();
  const text = JSON.stringify(value);
  if (countDoublesWritten() === before) return { text, exactNumbers: false };
  return { text: writeExact(value), exactNumbers: true };
}

type Frame = { value: Json[] | { [key: string]: Json }; keys: string[] | null; next: number };

function writeExact(value: Json): string {
  let out = "";
  const stack: Frame[] = [];
  const open = (v: Json) => {
    if (v === null || typeof v !== "object") out += JSON.stringify(v);
    else if (isJsonNumber(v)) out += v.text;
    else if (Array.isArray(v)) {
      out += "[";
      stack.push({ value: v, keys: null, next: 0 });
    } else {
      out += "{";
      stack.push({ value: v, keys: Object.keys(v), next: 0 });
    }
  };
  open(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const length = frame.keys ? frame.keys.length : (frame.value as Json[]).length;
    if (frame.next === length) {
      stack.pop();
      out += frame.keys ? "}" : "]";
      continue;
    }
    const i = frame.next++;
    if (i > 0) out += ",";
    if (frame.keys) {
      const key = frame.keys[i]!;
      out += JSON.stringify(key) + ":";
      open((frame.value as { [key: string]: Json })[key]!);
    } else {
      open((frame.value as Json[])[i]!);
    }
  }
  return out;
}
