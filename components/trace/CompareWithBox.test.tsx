// @vitest-environment jsdom
// The "Compare with…" box is sized for a pasted base_id: its hint must fit it, not be cut mid-word.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CompareWithBox } from "./CompareWithBox";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));
afterEach(cleanup);

const BASE_ID = "dab72e50-a3ac-4a85-8ec3-f0abb9f540e6";

describe("CompareWithBox", () => {
  it("hints at what to paste in no more characters than a base_id, which the box is sized for", () => {
    render(<CompareWithBox traceId={BASE_ID} />);
    const input = screen.getByTestId("compare-with-input");
    const hint = input.getAttribute("placeholder")!;
    expect(hint).toMatch(/^Compare with… .*base_id/);
    expect(hint.length).toBeLessThanOrEqual(BASE_ID.length);
    // Sized in monospace characters, so the comparison above is a comparison of widths.
    expect(input.className).toContain("font-mono");
  });
});
