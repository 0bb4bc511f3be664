import { describe, expect, it } from "vitest";
import { ROW_TEXT_MAX } from "./clipText";
import { CLIP_WIDTH_STEP_PX, clipToColumn, columnChars, maxTreeColumnPx, measureGlyphAdvances, stepClipWidth } from "./columnTextClip";

// A made-up font: "i" and "l" 3 px, "W" 11 px, the rest 6 px (12 px text in a sans font).
const font = measureGlyphAdvances((ch) => (ch === "i" || ch === "l" ? 3 : ch === "W" ? 11 : 6))!;

describe("columnTextClip", () => {
  it("measures the printable ASCII characters and keeps the narrowest", () => {
    expect(font.narrowest).toBe(3);
    expect(font.ascii["a".charCodeAt(0)]).toBe(6);
    expect(font.ascii["W".charCodeAt(0)]).toBe(11);
    expect(measureGlyphAdvances(() => 0)).toBeNull();
    // a character that measures nothing counts as the narrowest, not as taking no room
    expect(measureGlyphAdvances((ch) => (ch === "x" ? 0 : 5))!.ascii["x".charCodeAt(0)]).toBe(5);
  });

  it("steps the column's width up, and an unknown width clips nothing more than before", () => {
    expect(stepClipWidth(1)).toBe(CLIP_WIDTH_STEP_PX);
    expect(stepClipWidth(290)).toBe(320);
    expect(stepClipWidth(320)).toBe(320);
    expect(stepClipWidth(0)).toBe(Infinity);
    expect(stepClipWidth(NaN)).toBe(Infinity);
    const sql = "SELECT ".repeat(60);
    expect(columnChars(sql, Infinity, font)).toBe(ROW_TEXT_MAX);
    expect(columnChars(sql, 320, null)).toBe(ROW_TEXT_MAX);
  });

  it("bounds the tree column by the window before anything is laid out", () => {
    expect(maxTreeColumnPx(1440, 0.21, 224)).toBeCloseTo(302.4);
    expect(maxTreeColumnPx(390, 0.21, 224)).toBe(224);
  });

  it("keeps at least what the column shows, whatever the characters", () => {
    for (const ch of ["a", "i", "W", "a i", "il"]) {
      const text = ch.repeat(400);
      for (const width of [64, 192, 320, 448]) {
        const shown = clipToColumn(text, width, font);
        // the kept characters, at their full advances, are wider than the column: none visible is cut
        let px = 0;
        for (const c of shown.replace(/…$/, "")) px += font.ascii[c.charCodeAt(0)]!;
        expect(px).toBeGreaterThan(width);
        expect(shown.endsWith("…")).toBe(true);
      }
    }
  });

  it("cuts a long statement to a fraction of ROW_TEXT_MAX", () => {
    const sql = "SELECT instances.created_at AS instances_created_at, instances.updated_at AS instances_updated_at FROM instances ".repeat(
      4,
    );
    const n = columnChars(sql, 320, font);
    // 320 px of 6 px characters counted at 80%: 67 characters, and a few more
    expect(n).toBeGreaterThan(320 / 6);
    expect(n).toBeLessThan(80);
    expect(clipToColumn(sql, 320, font)).toBe(`${sql.slice(0, n)}…`);
    expect(clipToColumn("GET /v2.1/servers", 320, font)).toBe("GET /v2.1/servers");
  });

  it("counts a run of white space once (the cell collapses it) and other scripts as taking no room", () => {
    const spaced = `SELECT${" \n   ".repeat(100)}x`;
    expect(columnChars(spaced, 64, font)).toBe(ROW_TEXT_MAX);
    const combining = `a${"\u0301".repeat(300)}`;
    expect(columnChars(combining, 64, font)).toBe(ROW_TEXT_MAX);
  });
});
