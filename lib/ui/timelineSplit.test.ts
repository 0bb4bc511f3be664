import { describe, expect, it } from "vitest";
import {
  clampTreeShare,
  DEFAULT_TREE_SHARE,
  formatStoredTreeShare,
  MAX_TREE_SHARE,
  MIN_TREE_SHARE,
  parseStoredTreeShare,
  shareAtPointer,
  stepTreeShare,
} from "./timelineSplit";

describe("the timeline's split", () => {
  it("puts the divider under the pointer, within its limits", () => {
    // Rows from x=100 to x=1100 on screen.
    expect(shareAtPointer(400, 100, 1000)).toBe(0.3);
    expect(shareAtPointer(50, 100, 1000)).toBe(MIN_TREE_SHARE);
    expect(shareAtPointer(1090, 100, 1000)).toBe(MAX_TREE_SHARE);
    expect(shareAtPointer(400, 100, 0)).toBe(DEFAULT_TREE_SHARE);
  });

  it("moves by whole percents with the keyboard, jumps with Home/End, resets with Enter", () => {
    expect(stepTreeShare(0.21, "ArrowRight")).toBe(0.23);
    expect(stepTreeShare(0.21, "ArrowLeft")).toBe(0.19);
    expect(stepTreeShare(0.21, "ArrowRight", true)).toBe(0.31);
    expect(stepTreeShare(0.11, "ArrowLeft", true)).toBe(MIN_TREE_SHARE);
    expect(stepTreeShare(0.3333, "ArrowRight")).toBe(0.35);
    expect(stepTreeShare(0.4, "Home")).toBe(MIN_TREE_SHARE);
    expect(stepTreeShare(0.4, "End")).toBe(MAX_TREE_SHARE);
    expect(stepTreeShare(0.4, "Enter")).toBe(DEFAULT_TREE_SHARE);
    expect(stepTreeShare(0.4, "a")).toBeNull();
  });

  it("remembers a share as a short number and reads back only what it could have written", () => {
    expect(formatStoredTreeShare(0.31234)).toBe("0.312");
    expect(parseStoredTreeShare(formatStoredTreeShare(0.31234))).toBe(0.312);
    expect(parseStoredTreeShare(null)).toBe(DEFAULT_TREE_SHARE);
    for (const junk of ["", "abc", "NaN", "1e-1", "0.3; x", "-0.3", "12"]) expect(parseStoredTreeShare(junk)).toBe(DEFAULT_TREE_SHARE);
    expect(parseStoredTreeShare("0.99")).toBe(MAX_TREE_SHARE);
    expect(parseStoredTreeShare(".05")).toBe(MIN_TREE_SHARE);
    expect(clampTreeShare(Number.NaN)).toBe(DEFAULT_TREE_SHARE);
  });
});
