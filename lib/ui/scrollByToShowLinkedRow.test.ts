import { describe, expect, it } from "vitest";
import { scrollByToShowLinkedRow } from "./scrollByToShowLinkedRow";

describe("scrollByToShowLinkedRow", () => {
  it("leaves a laptop's window where the row is on the first screen, the details beside the timeline", () => {
    // 1280x800: the box runs past the bottom, but the row is in view, and so are the details' top.
    const box = { top: 300, bottom: 844 };
    expect(scrollByToShowLinkedRow({ row: { top: 500, bottom: 524 }, timelineBottom: 844, box, windowHeight: 800 })).toBeNull();
    expect(scrollByToShowLinkedRow({ row: { top: 776, bottom: 800 }, timelineBottom: 844, box, windowHeight: 800 })).toBeNull();
  });

  it("brings a phone's box up to the window's bottom, so the details under the row show with it", () => {
    // 390x844: the box (588 px: the timeline, then the details) starts 640 px down; the row on the
    // first screen's edge, the details below it.
    const box = { top: 640, bottom: 1228 };
    expect(scrollByToShowLinkedRow({ row: { top: 800, bottom: 824 }, timelineBottom: 928, box, windowHeight: 844 })).toBe(384);
    // The row below the edge: the same.
    expect(scrollByToShowLinkedRow({ row: { top: 850, bottom: 874 }, timelineBottom: 928, box, windowHeight: 844 })).toBe(384);
    // The whole box on screen already: nothing to move.
    expect(
      scrollByToShowLinkedRow({ row: { top: 300, bottom: 324 }, timelineBottom: 500, box: { top: 200, bottom: 800 }, windowHeight: 844 }),
    ).toBeNull();
  });

  it("never past the box's top, however low its bottom, unless the row needs it", () => {
    // A box taller than the window (a phone held sideways): its top to the window's top.
    const box = { top: 800, bottom: 1500 };
    expect(scrollByToShowLinkedRow({ row: { top: 900, bottom: 924 }, timelineBottom: 1150, box, windowHeight: 400 })).toBe(800);
    // The row low in it: up far enough for the whole row.
    expect(scrollByToShowLinkedRow({ row: { top: 1300, bottom: 1324 }, timelineBottom: 1350, box, windowHeight: 400 })).toBe(924);
  });

  it("a laptop's row below a short window's bottom: up far enough for it, the box's top not past the window's", () => {
    expect(
      scrollByToShowLinkedRow({ row: { top: 700, bottom: 724 }, timelineBottom: 900, box: { top: 400, bottom: 900 }, windowHeight: 600 }),
    ).toBe(300);
  });

  it("scrolls to whole pixels, the row fully in view", () => {
    expect(
      scrollByToShowLinkedRow({
        row: { top: 850.4, bottom: 874.4 },
        timelineBottom: 928.2,
        box: { top: 640.2, bottom: 1228.6 },
        windowHeight: 844,
      }),
    ).toBe(385);
  });
});
