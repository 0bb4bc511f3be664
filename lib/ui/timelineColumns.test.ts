import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canShowWideColumns, TIMELINE_WIDE_MIN_REM, TRACE_PAGE_MAX_REM } from "./timelineColumns";

describe("the timeline's wide-only columns", () => {
  it("are possible only in a box that can reach the width of the stylesheet's wide layout", () => {
    expect(canShowWideColumns(null)).toBe(true);
    expect(canShowWideColumns(TIMELINE_WIDE_MIN_REM)).toBe(true);
    expect(canShowWideColumns(TIMELINE_WIDE_MIN_REM - 0.5)).toBe(false);
    // The trace page is never that wide: its rows hold no wide-only cells.
    expect(canShowWideColumns(TRACE_PAGE_MAX_REM)).toBe(false);
  });

  it("uses the same width as the stylesheet's container query", () => {
    const css = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");
    const widths = [...css.matchAll(/@container timeline \(min-width: ([\d.]+)rem\)/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([TIMELINE_WIDE_MIN_REM]);
  });
});
