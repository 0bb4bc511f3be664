import { describe, expect, it } from "vitest";
import { resolveTabKey } from "./resolveTabKey";

describe("resolveTabKey", () => {
  it("moves with the arrows, wrapping around, and to the ends with Home and End", () => {
    expect(resolveTabKey("ArrowRight", 0, 6)).toBe(1);
    expect(resolveTabKey("ArrowRight", 5, 6)).toBe(0);
    expect(resolveTabKey("ArrowLeft", 3, 6)).toBe(2);
    expect(resolveTabKey("ArrowLeft", 0, 6)).toBe(5);
    expect(resolveTabKey("Home", 4, 6)).toBe(0);
    expect(resolveTabKey("End", 1, 6)).toBe(5);
  });

  it("leaves every other key to the page", () => {
    for (const key of ["ArrowUp", "ArrowDown", "Tab", "Enter", " ", "a"]) expect(resolveTabKey(key, 2, 6), key).toBeNull();
    expect(resolveTabKey("ArrowRight", 0, 0)).toBeNull();
  });
});
