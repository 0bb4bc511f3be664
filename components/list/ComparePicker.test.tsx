// @vitest-environment jsdom
// The list's "Compare" control: disabled until two traces are ticked, then a link to both.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CompareCheckbox, ComparePicker } from "./ComparePicker";

afterEach(cleanup);

const A = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";
const B = "11111111-2222-4333-8444-555555555555";

describe("ComparePicker", () => {
  it("is a disabled link until two traces are ticked, then a link to the two side by side", () => {
    render(
      <ComparePicker>
        <CompareCheckbox traceId={A} />
        <CompareCheckbox traceId={B} />
      </ComparePicker>,
    );
    const disabled = screen.getByRole("link", { name: "Compare" });
    expect(disabled.getAttribute("aria-disabled")).toBe("true");
    expect(disabled.getAttribute("href")).toBeNull();
    fireEvent.click(screen.getByLabelText(`Pick trace ${A} to compare`));
    expect(screen.getByRole("link", { name: "Compare" }).getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(screen.getByLabelText(`Pick trace ${B} to compare`));
    const link = screen.getByRole("link", { name: "Compare" });
    expect(link.getAttribute("aria-disabled")).toBeNull();
    expect(link.getAttribute("href")).toBe(`/compare/${A}/${B}`);
  });
});
