// @vitest-environment jsdom
// The breakdowns' tab bar while BreakdownPanels' code loads is replaced by BreakdownPanels' own: a
// keyboard user's focus on a tab moves to the same tab of the new bar, and a bar that leaves
// without focus takes none.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BreakdownsPending, BreakdownTabs } from "./BreakdownTabs";

const noop = () => {};

function Section({ loaded }: { loaded: boolean }) {
  // A different element above the bar, as the lazy component's swap gives: React mounts a new bar.
  return loaded ? (
    <article>
      <BreakdownTabs tab="project" onTab={noop} />
    </article>
  ) : (
    <BreakdownsPending tab="project" onTab={noop} />
  );
}

afterEach(cleanup);

describe("BreakdownTabs", () => {
  it("hands a focused tab's focus to the bar that replaces it", () => {
    const { rerender } = render(<Section loaded={false} />);
    const pending = screen.getByRole("tab", { name: "Projects" });
    pending.focus();
    rerender(<Section loaded />);
    const arrived = screen.getByRole("tab", { name: "Projects" });
    expect(arrived).not.toBe(pending);
    expect(document.activeElement).toBe(arrived);
  });

  it("takes no focus when the leaving bar had none", () => {
    const { rerender } = render(
      <>
        <input aria-label="elsewhere" />
        <Section loaded={false} />
      </>,
    );
    const elsewhere = screen.getByRole("textbox", { name: "elsewhere" });
    elsewhere.focus();
    rerender(
      <>
        <input aria-label="elsewhere" />
        <Section loaded />
      </>,
    );
    expect(document.activeElement).toBe(elsewhere);
  });
});
