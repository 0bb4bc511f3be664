import { describe, expect, it } from "vitest";
import { fitTimelineHeight, SCREEN_TIMELINE_HEIGHT } from "./fitTimelineHeight";

describe("fitTimelineHeight", () => {
  it("fits a few spans' rows, and a big trace's box to the screen", () => {
    // 11 rows of 24 px under 102 px of overview, ruler and borders.
    expect(fitTimelineHeight(11, 24, 102)).toBe(`min(${SCREEN_TIMELINE_HEIGHT}, 366px)`);
    // A single span keeps room for a few rows (and the line that says filters hide them all).
    expect(fitTimelineHeight(1, 24, 102)).toBe(`min(${SCREEN_TIMELINE_HEIGHT}, 174px)`);
    // Thousands of rows: the screen's height is the smaller one.
    expect(fitTimelineHeight(5000, 24, 102)).toBe(`min(${SCREEN_TIMELINE_HEIGHT}, 120102px)`);
  });
});
