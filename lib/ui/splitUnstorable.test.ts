import { describe, expect, it } from "vitest";
import { showUnstorable } from "../span/showUnstorable";
import { MAX_UNSTORABLE_LABELS, nameUnstorable, splitUnstorable } from "./splitUnstorable";

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
    // A run of the same one is one part; a different one beside it is another.
    expect(splitUnstorable("\u0000\u0000\ud800\ud800\u0000")).toEqual([
      { text: "\u0000\u0000", unstorable: true },
      { text: "\ud800\ud800", unstorable: true },
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
    expect(parts.map((p) => p.length)).toEqual([1, 2, 3, 1, 1, 2]);
    expect(parts.map((p) => p.map((q) => q.text).join(""))).toEqual(hostile);
  });

  it("gives a hostile message at most MAX_UNSTORABLE_LABELS labels, the rest in the page's form", () => {
    const hostile = "a\u0000b\ud800".repeat(32_000) + "\\u0000 end";
    const parts = splitUnstorable(hostile);
    expect(parts.filter((p) => p.unstorable)).toHaveLength(MAX_UNSTORABLE_LABELS);
    expect(parts).toHaveLength(2 * MAX_UNSTORABLE_LABELS + 1);
    // What is labelled is the message's start, as it is; the rest reads as the page writes it.
    const labelled = "a\u0000b\ud800".repeat(MAX_UNSTORABLE_LABELS / 2);
    expect(
      parts
        .slice(0, -1)
        .map((p) => p.text)
        .join(""),
    ).toBe(labelled);
    const rest = parts[parts.length - 1]!;
    expect(rest).toEqual({ text: showUnstorable(hostile.slice(labelled.length)), unstorable: false });
    expect(rest.text.endsWith("\\\\u0000 end")).toBe(true);
  });
});
