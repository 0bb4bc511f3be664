import { describe, expect, it } from "vitest";
import { findJsonStringEnd } from "./findJsonStringEnd";
import { measureJsonText } from "./measureJsonText";

const NO_STOP = { maxDepth: Infinity, maxItems: Infinity };

/** Depth and item count of a parsed value, the slow obvious way, to check the scan against. */
function shapeOf(value: unknown, depth = 0): { depth: number; items: number } {
  if (typeof value !== "object" || value === null) return { depth, items: 0 };
  const children = Object.values(value);
  let deepest = depth + 1;
  let items = children.length;
  for (const child of children) {
    const s = shapeOf(child, depth + 1);
    deepest = Math.max(deepest, s.depth);
    items += s.items;
  }
  return { depth: deepest, items };
}

describe("measureJsonText", () => {
  it.each([
    "1",
    '"text"',
    "null",
    "[]",
    "{}",
    "[[]]",
    '{"a":{}}',
    "[1, 2, [3, [4, 5]], {}]",
    '{"a": "x", "b": [true, false, null], "c": {"d": -1.5e-3}}',
    ' { "k" : [ "]" , "}" , "\\"[" , "\\\\" ] } ',
    '{"info": {"db": {"statement": "SELECT \\"a\\" FROM t WHERE x = \'{\'", "params": {"id": [1, 2, 3]}}}}',
  ])("counts exactly what JSON.parse builds: %s", (text) => {
    const shape = measureJsonText(text, NO_STOP);
    expect({ depth: shape.depth, items: shape.items }).toEqual(shapeOf(JSON.parse(text)));
  });

  it("finds the longest string, keys included, escapes as written", () => {
    expect(measureJsonText('{"abcdefgh": "xy", "k": "\\u0041\\n"}', NO_STOP).longestString).toBe(8);
    expect(measureJsonText('["\\\\\\"quoted\\\\"]', NO_STOP).longestString).toBe(12);
  });

  it("flags numbers that JSON.parse turns into Infinity, and only long or big-exponent ones", () => {
    expect(measureJsonText("[1e400]", NO_STOP).bigNumber).toBe(true);
    expect(measureJsonText("[-2E+308]", NO_STOP).bigNumber).toBe(true);
    expect(measureJsonText(`[${"9".repeat(400)}]`, NO_STOP).bigNumber).toBe(true);
    expect(measureJsonText("[1.5e10, 12345678901234567890, -0.25e-12]", NO_STOP).bigNumber).toBe(false);
  });

  it("stops at the first level past the depth limit, however deep the text goes", () => {
    const deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    expect(measureJsonText(deep, { maxDepth: 64, maxItems: Infinity })).toMatchObject({ depth: 65 });
    expect(measureJsonText(deep, NO_STOP)).toMatchObject({ depth: 1_000_000, items: 999_999 });
  });

  it("stops once the items pass the limit", () => {
    const wide = JSON.stringify(new Array(100_000).fill(0));
    expect(measureJsonText(wide, { maxDepth: 64, maxItems: 1000 }).items).toBe(1001);
  });

  it("finishes on text that is not JSON at all", () => {
    for (const text of ["", "{", "]]]]", '"unterminated', '{"a": "b\\"}', "nope", "[1,,2,]", "}{"]) {
      expect(() => measureJsonText(text, NO_STOP)).not.toThrow();
    }
  });
});

describe("findJsonStringEnd", () => {
  it("skips escaped quotes and stops at the closing one", () => {
    expect(findJsonStringEnd('"ab"', 0)).toBe(3);
    expect(findJsonStringEnd('"a\\"b" x', 0)).toBe(5);
    expect(findJsonStringEnd('"a\\\\" x', 0)).toBe(4);
    expect(findJsonStringEnd('"a\\\\\\"b"', 0)).toBe(7);
    expect(findJsonStringEnd('"never', 0)).toBe(-1);
    expect(findJsonStringEnd('"ends with an escape\\"', 0)).toBe(-1);
  });
});
