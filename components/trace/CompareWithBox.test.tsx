// @vitest-environment jsdom
// The "Compare with…" box is sized for a pasted base_id: its hint must fit it, not be cut mid-word.
// A prefix is looked up in the list's query: one stored trace opens the comparison, several or
// none say so in the box's alert.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CompareWithBox } from "./CompareWithBox";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));
afterEach(() => {
  cleanup();
  push.mockReset();
  vi.unstubAllGlobals();
});

const BASE_ID = "dab72e50-a3ac-4a85-8ec3-f0abb9f540e6";
const OTHER = "7f3e0a12-9c44-4b1e-8d2a-55e6f1a0b3c7";

/** The list's answer to a prefix, over these stored ids; the URLs asked for are kept. */
function stubList(ids: string[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    asked.push(url);
    const prefix = new URL(url, "http://x").searchParams.get("traceId")!;
    return new Response(
      JSON.stringify({ traces: ids.filter((id) => id.startsWith(prefix)).map((traceId) => ({ traceId })), nextCursor: null }),
    );
  });
  return asked;
}

function paste(text: string) {
  render(<CompareWithBox traceId={BASE_ID} />);
  fireEvent.change(screen.getByTestId("compare-with-input"), { target: { value: text } });
  fireEvent.submit(screen.getByRole("form"));
}

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

  it("opens the comparison with the one stored trace a prefix names", async () => {
    const asked = stubList([BASE_ID, OTHER]);
    paste("7f3e0a12");
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith(`/compare/${OTHER}/${BASE_ID}`));
    expect(asked).toEqual(["/api/traces?traceId=7f3e0a12&limit=22"]);
  });

  it("leaves this trace out: a prefix it shares names the other, and its own id is no comparison", async () => {
    const sibling = "dab72e51-0000-4000-8000-000000000000";
    stubList([BASE_ID, sibling]);
    paste("dab72e5");
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith(`/compare/${sibling}/${BASE_ID}`));
    push.mockReset();
    cleanup();
    paste("dab72e50");
    expect((await screen.findByRole("alert")).textContent).toBe("Only this trace's base_id starts with “dab72e50”.");
    cleanup();
    paste(`Trace ID: ${BASE_ID}`);
    expect((await screen.findByRole("alert")).textContent).toBe("That is this trace's base_id: paste another trace's to compare with.");
    expect(push).not.toHaveBeenCalled();
  });

  it("says how many traces a prefix matches, and none when none does", async () => {
    stubList([BASE_ID, "dab72e51-0000-4000-8000-000000000000", "dab72e52-0000-4000-8000-000000000000"]);
    paste("dab72e5");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "2 stored traces' base_ids start with “dab72e5”: paste more of its characters to name one.",
    );
    cleanup();
    paste("ffff");
    expect((await screen.findByRole("alert")).textContent).toBe("No stored trace's base_id starts with “ffff”.");
    expect(push).not.toHaveBeenCalled();
  });

  it("says so when the lookup fails", async () => {
    vi.stubGlobal("fetch", async () => new Response("{}", { status: 503 }));
    paste("7f3e");
    expect((await screen.findByRole("alert")).textContent).toBe("The base_id could not be looked up; try again.");
  });
});
