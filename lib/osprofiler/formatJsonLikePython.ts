// JSON text as Python's json.dumps(value, indent=2, separators=(",", ": ")) writes it, which is
// how `osprofiler trace show --json` prints a report: same layout, non-ASCII escaped as \uXXXX.
// Iterative, because a report nests as deep as the trace (JSON.stringify overflows the stack at a
// few thousand levels). Indented text grows with the square of the depth (a 100k-deep chain would
// be ~10^10 characters), so deep traces should be printed with indent null: Python's
// json.dumps(value) default, one line with ", " and ": " separators. Fractions print as Python's
// repr prints floats (1.5e-07, 1e+16); whole numbers print as integers. A number that a double
// would not give back (a whole float such as 3.0, an integer beyond 2^53: lib/notification/
// JsonNumber.ts) was kept as its literal and prints verbatim, as Python prints what it parsed.
import { isJsonNumber } from "../notification/JsonNumber";
import type { Json } from "../notification/types";

type Frame = { value: Json[] | { [key: string]: Json }; keys: string[] | null; next: number; depth: number };

/** `depth`: the nesting level the value is printed at, for a value printed inside a bigger one. */
export function formatJsonLikePython(value: Json, indent: number | null = 2, depth = 0): string {
  let out = "";
  const pad = (depth: number) => (indent === null ? "" : "\n" + " ".repeat(indent * depth));
  const comma = indent === null ? ", " : ",";
  const stack: Frame[] = [];
  const open = (v: Json, depth: number) => {
    if (v === null || typeof v !== "object") {
      out += scalar(v);
    } else if (isJsonNumber(v)) {
      out += v.text;
    } else if (Array.isArray(v)) {
      if (v.length === 0) out += "[]";
      else {
        out += "[";
        stack.push({ value: v, keys: null, next: 0, depth });
      }
    } else {
      const keys = Object.keys(v);
      if (keys.length === 0) out += "{}";
      else {
        out += "{";
        stack.push({ value: v, keys, next: 0, depth });
      }
    }
  };
  open(value, depth);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const length = frame.keys ? frame.keys.length : (frame.value as Json[]).length;
    if (frame.next === length) {
      stack.pop();
      out += pad(frame.depth) + (frame.keys ? "}" : "]");
      continue;
    }
    const i = frame.next++;
    out += (i === 0 ? "" : comma) + pad(frame.depth + 1);
    if (frame.keys) {
      const key = frame.keys[i]!;
      out += quote(key) + ": ";
      open((frame.value as { [key: string]: Json })[key]!, frame.depth + 1);
    } else {
      open((frame.value as Json[])[i]!, frame.depth + 1);
    }
  }
  return out;
}

function scalar(v: null | boolean | number | string): string {
  if (typeof v === "string") return quote(v);
  if (typeof v === "number") return formatNumber(v);
  return JSON.stringify(v);
}

/** Whole numbers as integers (JavaScript writes them in full below 1e21); fractions as Python's float repr: the same shortest digits, with an exponent from 1e16 up and below 1e-4, written with 2+ digits. */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const [mantissa, exp] = n.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e >= -4 && e < 16) return String(n);
  return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

const NON_ASCII = /[\u007f-\uffff]/;

function quote(text: string): string {
  const json = JSON.stringify(text);
  return NON_ASCII.test(json) ? json.replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) : json;
}
