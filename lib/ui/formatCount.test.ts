import { describe, expect, it } from "vitest";
import { formatCount } from "./formatCount";

describe("formatCount", () => {
  it("writes integers as toLocaleString('en') does", () => {
    for (const n of [0, 7, 999, 1000, 1234, 99_999, 100_000, 1_234_567, 1_000_000_000, -1, -1234, -1_234_567, Number.MAX_SAFE_INTEGER])
      expect(formatCount(n)).toBe(n.toLocaleString("en"));
  });

  it("leaves anything else to toLocaleString", () => {
    expect(formatCount(1234.5)).toBe("1,234.5");
    expect(formatCount(Number.NaN)).toBe("NaN");
  });
});
