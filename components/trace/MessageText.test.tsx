// @vitest-environment jsdom
// An exception message's NULs and lone surrogates as labels: a run is one label, and a hostile
// message's thousands of them are at most MAX_UNSTORABLE_LABELS elements, the rest as the page writes it.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { showUnstorable } from "@/lib/span/showUnstorable";
import { MAX_UNSTORABLE_LABELS } from "@/lib/ui/splitUnstorable";
import { MessageText } from "./MessageText";

afterEach(cleanup);

const labels = () => screen.queryAllByTestId("unstorable-char").map((label) => label.textContent);

describe("MessageText", () => {
  it("labels a run of one character once, with how many", () => {
    const raw = `pad${"\u0000".repeat(64_000)}end\ud800`;
    const { container } = render(<MessageText shown={showUnstorable(raw)} raw={raw} />);
    expect(labels()).toEqual(["[NUL ×64,000]", "[U+D800]"]);
    expect(container.textContent).toBe("pad[NUL ×64,000]end[U+D800]");
    expect(screen.getAllByTestId("unstorable-char")[0]!.title).toMatch(/^64,000 times a NUL character/);
  });

  it("renders a hostile message's 64,000 separate NULs as at most MAX_UNSTORABLE_LABELS labels", () => {
    const raw = "x\u0000".repeat(64_000);
    const { container } = render(<MessageText shown={showUnstorable(raw)} raw={raw} />);
    expect(labels()).toHaveLength(MAX_UNSTORABLE_LABELS);
    const labelled = "x\u0000".repeat(MAX_UNSTORABLE_LABELS);
    expect(container.textContent).toBe("x[NUL]".repeat(MAX_UNSTORABLE_LABELS) + showUnstorable(raw.slice(labelled.length)));
  });

  it("shows the page's text when the raw message holds none", () => {
    const clean = "text \\u0000 as written";
    const { container } = render(<MessageText shown={clean} raw={clean} />);
    expect(labels()).toEqual([]);
    expect(container.textContent).toBe(clean);
  });
});
