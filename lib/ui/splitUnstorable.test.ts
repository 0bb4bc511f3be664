import { describe, expect, it } from "vitest";
import { showUnstorable } from "../span/showUnstorable";
import { nameUnstorable, splitUnstorable } from "./splitUnstorable";

describe("splitUnstorable", () => {
  it("cuts a raw message at each NUL and lone surrogate, which the page's form writes as the six characters a clean message may hold", () => {
    const nul = "a\u0000b";
    const text = "a\\u0000b";
    // The same on the page's form: what the panel showed for both.
    expect(showUnstorable(nul)).toBe(showUnstorable(text));
    expect(splitUnstorable(nul)).toEqual([
      { text: "a", unstorable: false },
      { text: "\u0000", unstorable: true },
      { text: "b", unstorable: false },
    ]);
    expect(splitUnstorable(text)).toEqual([{ text, unstorable: false }]);
    // Side by side, lone surrogates of either half, and a pair kept whole.
    expect(splitUnstorable("\\u0000\u0000\ud800x\udfff😀")).toEqual([
      { text: "\\u0000", unstorable: false },
      { text: "\u0000", unstorable: true },
      { text: "\ud800", unstorable: true },
      { text: "x", unstorable: false },
      { text: "\udfff", unstorable: true },
      { text: "😀", unstorable: false },
    ]);
    expect(splitUnstorable("\u0000\u0000")).toEqual([
      { text: "\u0000", unstorable: true },
      { text: "\u0000", unstorable: true },
    ]);
  });

  it("keeps a message with neither whole, the empty one included", () => {
    for (const clean of ["", "\\u0000", 'body {"m": "\\u2019"}', "😀 naïve \u0001", "\\ud800"])
      expect(splitUnstorable(clean)).toEqual([{ text: clean, unstorable: false }]);
  });

  it("names a NUL and a lone surrogate", () => {
    expect(["\u0000", "\ud800", "\udc0a"].map(nameUnstorable)).toEqual(["NUL", "U+D800", "U+DC0A"]);
  });

  it("cuts a hostile message's long runs in time linear in its length", () => {
    const run = "\\".repeat(64_000);
    const hostile = [
      run,
      `${run}\u0000`,
      `${run}\ud800${run}`,
      "\u0000".repeat(64_000),
      "\ud800".repeat(64_000),
      `${"\\u".repeat(32_000)}\udc00`,
    ];
    const started = performance.now();
    const parts = hostile.map(splitUnstorable);
    expect(performance.now() - started).toBeLessThan(500);
    expect(parts.map((p) => p.length)).toEqual([1, 2, 3, 64_000, 64_000, 2]);
    expect(parts.map((p) => p.map((q) => q.text).join(""))).toEqual(hostile);
  });
});
