import { describe, expect, it } from "vitest";
import { escapeJsonToAscii } from "./escapeJsonToAscii";

const ASCII = /^[\x00-\x7f]*$/;

describe("escapeJsonToAscii", () => {
  it("writes every character past ASCII as an escape, and JSON.parse gives back the same value", () => {
    const value = { name: "café …", emoji: "a😀b", sep: "\u2028\u2029", keys: { ключ: ["ü", 1, null, true] }, plain: 'q"\\' };
    const json = escapeJsonToAscii(JSON.stringify(value));
    expect(json).toMatch(ASCII);
    expect(json).toContain("\\u2026");
    expect(json).toContain("\\ud83d\\ude00");
    expect(JSON.parse(json)).toEqual(value);
  });

  it("returns ASCII JSON as it is", () => {
    const json = JSON.stringify({ a: [1, 2, "x\\u00e9"] });
    expect(escapeJsonToAscii(json)).toBe(json);
  });
});
