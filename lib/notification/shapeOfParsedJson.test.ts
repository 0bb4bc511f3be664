import { describe, expect, it } from "vitest";
import { measureJsonText } from "./measureJsonText";
import { shapeOfParsedJson } from "./shapeOfParsedJson";

const NO_STOP = { maxDepth: Infinity, maxItems: Infinity };

/** A random JSON value without numbers, written as Python's json.dumps writes it (", " and ": "). */
function randomText(next: () => number, depth: number): string {
  const r = next();
  if (depth > 5 || r < 0.4) {
    if (r < 0.1) return ["true", "false", "null"][Math.floor(next() * 3)]!;
    return JSON.stringify('ab\\"c\n d é😀'.slice(0, Math.floor(next() * 10)).repeat(Math.floor(next() * 4)));
  }
  const n = Math.floor(next() * 5);
  const parts = Array.from({ length: n }, (_, i) =>
    r < 0.7 ? randomText(next, depth + 1) : `"k${i}${"x".repeat(Math.floor(next() * 6))}": ${randomText(next, depth + 1)}`,
  );
  return r < 0.7 ? `[${parts.join(", ")}]` : `{${parts.join(", ")}}`;
}

describe("shapeOfParsedJson", () => {
  it("gives measureJsonText's depth and items, and the longest parsed string, for values without numbers", () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const text = randomText(next, 0);
      const value: unknown = JSON.parse(text);
      const measured = measureJsonText(text, NO_STOP);
      const shape = shapeOfParsedJson(value, NO_STOP);
      expect(shape).not.toBeNull();
      expect({ ...shape, longestString: 0 }).toEqual({ ...measured, longestString: 0 });
      // Escapes count as written in the text, once in the value: never more than the text's.
      expect(shape!.longestString).toBeLessThanOrEqual(measured.longestString);
    }
  });

  it("leaves any value with a number to the text scan (3.0 and 3 parse alike)", () => {
    expect(shapeOfParsedJson(JSON.parse('{"a": [1]}'), NO_STOP)).toBeNull();
    expect(shapeOfParsedJson(JSON.parse('{"a": {"b": 3.0}}'), NO_STOP)).toBeNull();
    expect(shapeOfParsedJson(3, NO_STOP)).toBeNull();
    expect(shapeOfParsedJson("abc", NO_STOP)).toEqual({ depth: 0, items: 0, longestString: 3, bigNumber: false, inexactNumber: false });
  });

  it("gives up once depth or items pass the limits, however deep the value goes", () => {
    const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000)) as unknown;
    expect(shapeOfParsedJson(deep, { maxDepth: 64, maxItems: 50_000 })).toBeNull();
    expect(shapeOfParsedJson(deep, NO_STOP)?.depth).toBe(5000);
    expect(shapeOfParsedJson(JSON.parse(`[${'"a", '.repeat(10)}"b"]`), { maxDepth: 64, maxItems: 10 })).toBeNull();
    expect(shapeOfParsedJson(JSON.parse(`[${'"a", '.repeat(9)}"b"]`), { maxDepth: 64, maxItems: 10 })?.items).toBe(10);
  });
});
