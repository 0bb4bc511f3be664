import { describe, expect, it } from "vitest";
import { showUnstorable } from "./showUnstorable";

describe("showUnstorable", () => {
  it("writes each NUL and lone surrogate as its JSON escape", () => {
    expect(showUnstorable("a\u0000b")).toBe("a\\u0000b");
    expect(showUnstorable("x\ud800")).toBe("x\\ud800");
    expect(showUnstorable("\udfffy")).toBe("\\udfffy");
    expect(showUnstorable("\u0000\u0000")).toBe("\\u0000\\u0000");
    // A low surrogate before a high one is two lone ones, not a pair.
    expect(showUnstorable("\udc00\ud800")).toBe("\\udc00\\ud800");
  });

  it("keeps surrogate pairs and every other character, and returns a clean message itself", () => {
    const clean = "😀 naïve \u0001 \\u0000 literal";
    expect(showUnstorable(clean)).toBe(clean);
    expect(showUnstorable("😀\ud800")).toBe("😀\\ud800");
  });
});
