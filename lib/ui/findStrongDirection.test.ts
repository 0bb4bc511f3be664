import { describe, expect, it } from "vitest";
import { findStrongDirection } from "./findStrongDirection";

describe("findStrongDirection", () => {
  it("is the direction of the first letter, past digits, punctuation and spaces", () => {
    expect(findStrongDirection("SELECT 'שלום'")).toBe("ltr");
    expect(findStrongDirection("…12, 'שלום' FROM")).toBe("rtl");
    expect(findStrongDirection("٣ مرحبا")).toBe("rtl");
    expect(findStrongDirection("ܫܠܡܐ")).toBe("rtl");
    expect(findStrongDirection("Ωmega")).toBe("ltr");
    expect(findStrongDirection("𝐀 astral")).toBe("ltr");
    expect(findStrongDirection("12 + 3 = 15")).toBeNull();
  });

  it("looks only within the range it is given", () => {
    const text = "abc שלום def";
    expect(findStrongDirection(text, 3)).toBe("rtl");
    expect(findStrongDirection(text, 8)).toBe("ltr");
    expect(findStrongDirection(text, 3, 4)).toBeNull();
  });
});
