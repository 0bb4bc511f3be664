// @vitest-environment jsdom
// The pages that answer with a message: a route that found nothing, or failed.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorPage, NotFoundPage } from "./MessagePage";

afterEach(cleanup);

describe("the message pages", () => {
  it("a not-found page: heading, explanation, and the way back to the trace list", () => {
    render(
      <NotFoundPage title="Trace not found" testId="trace-not-found">
        No trace with this base_id.
      </NotFoundPage>,
    );
    const main = screen.getByTestId("trace-not-found");
    expect(main.getAttribute("role")).toBeNull();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Trace not found");
    expect(screen.getByText("No trace with this base_id.").tagName).toBe("P");
    expect(screen.getByRole("link", { name: "Back to the trace list" }).getAttribute("href")).toBe("/");
  });

  it("a not-found page without an explanation has no empty paragraph", () => {
    const { container } = render(<NotFoundPage title="Page not found" />);
    expect([...container.querySelectorAll("p")].map((p) => p.textContent)).toEqual(["Back to the trace list"]);
  });

  it("an error page: an alert with its explanation, and a button that tries again", () => {
    const reset = vi.fn();
    render(
      <ErrorPage title="This trace could not be shown" reset={reset}>
        The server failed while reading it.
      </ErrorPage>,
    );
    const alert = screen.getByRole("alert");
    expect(alert.querySelector("h1")!.textContent).toBe("This trace could not be shown");
    expect(alert.textContent).toContain("The server failed while reading it.");
    expect(screen.queryByRole("link")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(reset).toHaveBeenCalledOnce();
  });
});
