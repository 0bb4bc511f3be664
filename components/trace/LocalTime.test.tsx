// @vitest-environment jsdom
// Local time: a hidden placeholder (the UTC form, as wide) the server writes until the first frame
// is painted (no Intl in the first render), the browser's zone after; once shown, a later one
// shows it at once; hidden for good where it reads as the UTC time beside it (a browser at UTC).
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const US = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456;

// The browser's zone: another than UTC unless a test says so. Each local time asked for is noted.
let zoneIsUtc = false;
const asked: number[] = [];
vi.mock("@/lib/ui/formatTime", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/ui/formatTime")>();
  const formatLocalTimestamp = (us: number) => {
    asked.push(us);
    return zoneIsUtc ? actual.formatUtcTimestampToMs(us) : `local ${us}`;
  };
  return { ...actual, formatLocalTimestamp };
});

// Module state (whether a local time was shown) is per document: a fresh module per test.
let LocalTime: typeof import("./LocalTime").LocalTime;
beforeEach(async () => {
  zoneIsUtc = false;
  asked.length = 0;
  vi.resetModules();
  ({ LocalTime } = await import("./LocalTime"));
});
afterEach(cleanup);

describe("LocalTime", () => {
  it("renders a hidden UTC placeholder on the server and in the first render, the browser's zone once painted", async () => {
    expect(renderToString(<LocalTime us={US} prefix=" · " />)).toBe(
      '<span class="invisible" aria-hidden="true"> · <!-- -->2024-05-01 10:11:12.123 UTC</span>',
    );
    render(
      <p data-testid="t">
        <LocalTime us={US} />
      </p>,
    );
    const time = screen.getByTestId("t").firstElementChild!;
    expect(time.textContent).toBe("2024-05-01 10:11:12.123 UTC");
    expect(time.className).toBe("invisible");
    await waitFor(() => expect(time.textContent).toBe(`local ${US}`));
    expect(time.className).toBe("");
    expect(time.getAttribute("aria-hidden")).toBeNull();
  });

  it("stays hidden, its room kept, in a browser whose local time reads as UTC", async () => {
    zoneIsUtc = true;
    render(
      <p data-testid="t">
        <LocalTime us={US} prefix=" · " />
      </p>,
    );
    const time = screen.getByTestId("t").firstElementChild!;
    // Painted: the local time was asked for, and read as the UTC one.
    await waitFor(() => expect(asked).toContain(US));
    expect(time.textContent).toBe(" · 2024-05-01 10:11:12.123 UTC");
    expect(time.className).toBe("invisible");
    expect(time.getAttribute("aria-hidden")).toBe("true");
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
