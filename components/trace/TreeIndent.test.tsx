// @vitest-environment jsdom
// The tree cell's indent: what it resolves to in a names column of a given width (jsdom lays
// nothing out, so the CSS `min(px, %)` is worked out here; tests/browser/tracePage.test.ts
// measures it in Chromium), and the level shown past the indent limit.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_INDENT_DEPTH, treeIndent, TreeIndent, treeIndentPx } from "./TreeIndent";

afterEach(cleanup);

/** The indent in px in a names column this wide: `min(<px>px, <share>%)`, the percentage of the column. */
function indentPx(depth: number, columnPx: number): number {
  const m = /^min\(([\d.]+)px, ([\d.]+)%\)$/.exec(treeIndent(depth));
  if (!m) throw new Error(`unexpected indent ${treeIndent(depth)}`);
  return Math.min(Number(m[1]), (Number(m[2]) / 100) * columnPx);
}

// What the cell holds besides the indent and the name: the toggle (16 px), a gap (4), the right padding (8).
const TOGGLE_GAP_PADDING_PX = 28;
const nameRoom = (depth: number, columnPx: number) => columnPx - indentPx(depth, columnPx) - TOGGLE_GAP_PADDING_PX;
const depths = Array.from({ length: 70 }, (_, d) => d);

describe("treeIndent", () => {
  it("is the length treeIndentPx gives in px (what a search hit's window is judged by), within rounding", () => {
    for (const column of [144, 224, 291, 600]) for (const d of depths) expect(treeIndentPx(d, column)).toBeCloseTo(indentPx(d, column), 2);
  });

  it("keeps 12 px a level for a shallow tree in a names column of 14rem or wider", () => {
    for (const column of [224, 291, 600]) for (const d of [0, 1, 2, 3]) expect(indentPx(d, column)).toBe(4 + 12 * d);
    // The 1440 px page's default column (21%) keeps it two levels further.
    for (const d of [4, 5]) expect(indentPx(d, 291)).toBe(4 + 12 * d);
  });

  it("caps the indent so that every row keeps a readable part of its name, 69 levels deep, in a 14rem column and on a phone", () => {
    for (const d of depths) {
      // 14rem: the names column's least outside a phone.
      expect(nameRoom(d, 224) / 224, `depth ${d}`).toBeGreaterThanOrEqual(0.43);
      // 9rem: a phone's; still about 8 characters of 12 px text.
      expect(nameRoom(d, 144), `depth ${d}`).toBeGreaterThanOrEqual(52);
      // A widened column gives the name the room.
      expect(nameRoom(d, 600) / 600, `depth ${d}`).toBeGreaterThanOrEqual(0.64);
    }
    expect(indentPx(69, 224)).toBe(indentPx(MAX_INDENT_DEPTH, 224));
    expect(indentPx(20_000, 224)).toBe(indentPx(MAX_INDENT_DEPTH, 224));
  });

  it("tells the levels apart by indent up to the limit: each one further in than its parent, by 4 px or more in a 14rem column (the shares are rounded to 0.001%)", () => {
    for (const column of [224, 291, 600]) {
      for (let d = 1; d <= MAX_INDENT_DEPTH; d++)
        expect(indentPx(d, column) - indentPx(d - 1, column), `${column}: ${d}`).toBeGreaterThan(3.99);
    }
    // On a phone, in proportion.
    for (let d = 1; d <= MAX_INDENT_DEPTH; d++) expect(indentPx(d, 144) - indentPx(d - 1, 144)).toBeGreaterThanOrEqual(2.5);
  });
});

describe("TreeIndent", () => {
  const draw = (depth: number, hasChildren = true) =>
    render(
      <div>
        <TreeIndent depth={depth} hasChildren={hasChildren} collapsed={false} onToggle={() => {}} />
      </div>,
    );

  it("shows the level only past the indent limit, where the indent no longer tells it", () => {
    draw(MAX_INDENT_DEPTH);
    expect(screen.queryByTestId("row-level")).toBeNull();
    cleanup();
    draw(MAX_INDENT_DEPTH + 1);
    // Counted from 1, as the header's depth and the details' level are.
    expect(screen.getByTestId("row-level").textContent).toBe(`L${MAX_INDENT_DEPTH + 2}`);
    cleanup();
    draw(68, false);
    expect(screen.getByTestId("row-level").textContent).toBe("L69");
  });

  it("draws the level out of the flow, before the toggle, so it takes no room from the name", () => {
    draw(40);
    const level = screen.getByTestId("row-level");
    expect(level.className).toMatch(/\babsolute\b/);
    expect(level.className).toMatch(/\bright-full\b/);
    expect(level.nextElementSibling).toBe(screen.getByRole("button", { name: "Collapse" }));
  });
});
