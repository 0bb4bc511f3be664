import { describe, expect, it } from "vitest";
import { growColumn, initialColumnLength } from "./growColumn";

describe("growColumn", () => {
  it("copies a column into a longer one of the same kind", () => {
    const grown = growColumn(Int32Array.of(3, -1), 4);
    expect(grown).toBeInstanceOf(Int32Array);
    expect([...grown]).toEqual([3, -1, 0, 0]);
  });
});

describe("initialColumnLength", () => {
  it("takes the expected span count, at least 16", () => {
    expect(initialColumnLength(1_000_000)).toBe(1_000_000);
    expect(initialColumnLength(3)).toBe(16);
  });

  it("falls back to the default for a hint that is missing or not a positive whole number", () => {
    for (const hint of [undefined, NaN, 0, -5, 2.5, Infinity]) expect(initialColumnLength(hint)).toBe(1024);
    expect(initialColumnLength(NaN, 40)).toBe(40);
  });

  it("never sizes columns past 4M entries up front (they grow instead)", () => {
    expect(initialColumnLength(2 ** 40)).toBe(1 << 22);
  });
});
