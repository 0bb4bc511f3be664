// @vitest-environment jsdom
// Local time: only its room (hidden, as wide as the widest local time) until the first frame is
// painted (no Intl in the first render), the browser's zone after; once shown, a later one shows
// it at once; none where it reads as the UTC time beside it (a browser at UTC).
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const US = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456;
/** The room: the time at the widest offset a zone writes. */
const ROOM = "2024-05-01 23:56:12.123 GMT+13:45";

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

/** What a reader sees: the text beside the hidden room. */
const readable = (id: string) =>
  Array.from(screen.getByTestId(id).querySelectorAll(".inline-grid > span:not(.invisible)"), (el) => el.textContent).join("");

describe("LocalTime", () => {
  it("renders only its hidden room on the server and in the first render, the browser's zone in it once painted", async () => {
    expect(renderToString(<LocalTime us={US} prefix=" · " />)).toBe(
      `<span class="inline-grid"><span aria-hidden="true" class="invisible col-start-1 row-start-1 max-sm:hidden"> · <!-- -->${ROOM}</span></span>`,
    );
    render(
      <p data-testid="t">
        <LocalTime us={US} prefix=" · " />
      </p>,
    );
    expect(readable("t")).toBe("");
    expect(asked).toEqual([]);
    await waitFor(() => expect(readable("t")).toBe(` · local ${US}`));
    // In the same box as the room, which stays: what follows keeps its place.
    expect(screen.getByTestId("t").querySelector(".invisible")!.textContent).toBe(` · ${ROOM}`);
  });

  it("shows none in a browser whose local time reads as UTC, its room kept", async () => {
    zoneIsUtc = true;
    render(
      <p data-testid="t">
        <LocalTime us={US} prefix=" · " />
      </p>,
    );
    // Painted: the local time was asked for, and read as the UTC one.
    await waitFor(() => expect(asked).toContain(US));
    expect(readable("t")).toBe("");
    expect(screen.getByTestId("t").querySelector(".invisible")!.textContent).toBe(` · ${ROOM}`);
  });

  it("shows the local time at once in one mounted after the first has shown it", async () => {
    render(
      <p data-testid="first">
        <LocalTime us={US} />
      </p>,
    );
    await waitFor(() => expect(readable("first")).toBe(`local ${US}`));
    render(
      <p data-testid="later">
        <LocalTime us={US + 1000} />
      </p>,
    );
    expect(readable("later")).toBe(`local ${US + 1000}`);
  });
});
