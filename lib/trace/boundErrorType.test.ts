import { describe, expect, it } from "vitest";
import { boundErrorType, boundErrorTypeLength, ERROR_TYPE_MAX_CHARS } from "./boundErrorType";

describe("boundErrorTypeLength", () => {
  it("is the length of the bounded type, whole or cut, at every edge", () => {
    const types = [
      null,
      "",
      "NotFound",
      "E".repeat(ERROR_TYPE_MAX_CHARS),
      "E".repeat(ERROR_TYPE_MAX_CHARS + 1),
      "HostileError".padEnd(65_000, "e"),
      "E".repeat(9_999_999),
      // A surrogate pair across the cut: one character fewer kept.
      "E".repeat(899) + "\u{1F600}".repeat(100),
      "E".repeat(898) + "\u{1F600}".repeat(100),
    ];
    for (const type of types) expect(boundErrorTypeLength(type), type?.slice(0, 20)).toBe(boundErrorType(type)?.length ?? 0);
    expect(boundErrorType("E".repeat(899) + "\u{1F600}".repeat(100)).indexOf("…")).toBe(899);
  });
});
