// @vitest-environment jsdom
// Local time: the UTC form the server writes until the first frame is painted (no Intl in the
// first render), the browser's zone after; once shown, a later one shows it at once.
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const US = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456;

vi.mock("@/lib/ui/formatTime", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/ui/formatTime")>()),
  formatLocalTimestamp: (us: number, zone?: string) => `local ${us}${zone ? ` in ${zone}` : ""}`,
}));

// Module state (whether a local time was shown) is per document: a fresh module per test.
let LocalTime: typeof import("./LocalTime").LocalTime;
beforeEach(async () => {
  vi.resetModules();
  ({ LocalTime } = await import("./LocalTime"));
});
afterEach(cleanup);

describe("LocalTime", () => {
  it("renders the UTC form on the server and in the first render, the browser's zone once painted", async () => {
    expect(renderToString(<LocalTime us={US} />)).toBe("2024-05-01 10:11:12.123 UTC");
    render(
      <p data-testid="t">
        <LocalTime us={US} />
      </p>,
    );
    expect(screen.getByTestId("t").textContent).toBe("2024-05-01 10:11:12.123 UTC");
    await waitFor(() => expect(screen.getByTestId("t").textContent).toBe(`local ${US}`));
  });

  it("shows the local time at once in one mounted after the first has shown it", async () => {
    render(
      <p data-testid="first">
        <LocalTime us={US} />
      </p>,
    );
    await waitFor(() => expect(screen.getByTestId("first").textContent).toBe(`local ${US}`));
    render(
      <p data-testid="later">
        <LocalTime us={US + 1000} />
      </p>,
    );
    expect(screen.getByTestId("later").textContent).toBe(`local ${US + 1000}`);
  });
});
