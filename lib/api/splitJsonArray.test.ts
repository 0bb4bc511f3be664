import { describe, expect, it } from "vitest";
import { splitJsonArray } from "./splitJsonArray";

function texts(text: string, max = 100): string[] | unknown {
  const split = splitJsonArray(text, max);
  return split && "elements" in split ? split.elements.map(([s, e]) => text.slice(s, e)) : split;
}

describe("splitJsonArray", () => {
  it("cuts an array into the exact text of each element", () => {
    const elements = ['{"a": [1, "],", {"b": "\\"}"}]}', "2", '"x,y"', "[[], {}]", "null"];
    expect(texts(` [ ${elements.join(" ,\n ")} ] `)).toEqual(elements);
    expect(texts("[]")).toEqual([]);
    expect(texts(" [ ] ")).toEqual([]);
  });

  it("says a text that is not an array is none of its business", () => {
    expect(splitJsonArray('{"a": [1, 2]}', 10)).toBeNull();
    expect(splitJsonArray("", 10)).toBeNull();
    expect(splitJsonArray("1 [2]", 10)).toBeNull();
  });

  it("finds one element however deep it nests, in one pass", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(splitJsonArray(`[1, ${deep}, 3]`, 10)).toEqual({
      elements: [
        [1, 2],
        [4, 4 + deep.length],
        [6 + deep.length, 7 + deep.length],
      ],
    });
  });

  it.each([
    ["[1,]", /empty element/],
    ["[,1]", /empty element/],
    ["[1,,2]", /empty element/],
    ["[1", /unexpected end/],
    ['["a]', /unterminated string/],
    ["[1] 2", /unexpected text after the array/],
    ["[1}", /unexpected "}"/],
  ])("reports the broken top level of %s", (text, error) => {
    expect(splitJsonArray(text, 10)).toEqual({ error: expect.stringMatching(error) as unknown });
  });

  it("stops as soon as there are more elements than allowed", () => {
    expect(splitJsonArray(JSON.stringify(new Array(1_000_000).fill(0)), 10)).toEqual({ tooMany: 11 });
  });
});
