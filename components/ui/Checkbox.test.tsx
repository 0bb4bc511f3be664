// @vitest-environment jsdom
// A checkbox of a server-rendered page, clicked before its scripts ran.
import { act, useState } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { Checkbox } from "./Checkbox";

function HideDb() {
  const [hide, setHide] = useState(false);
  return (
    <>
      <Checkbox checked={hide} onChange={(e) => setHide(e.target.checked)}>
        Hide DB spans
      </Checkbox>
      <p data-testid="view">{hide ? "DB spans hidden" : "DB spans shown"}</p>
    </>
  );
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

/** The server's HTML in the document, `before` done to it, then React hydrating it. */
async function hydrateAfter(before: (box: HTMLInputElement) => void) {
  const container = document.createElement("div");
  container.innerHTML = renderToString(<HideDb />);
  document.body.append(container);
  const box = container.querySelector("input")!;
  before(box);
  await act(async () => {
    root = hydrateRoot(container, <HideDb />);
  });
  return { box, view: () => container.querySelector("[data-testid=view]")!.textContent };
}

describe("Checkbox on a server-rendered page", () => {
  it("takes a click made before hydration as the click it was: the state follows the box", async () => {
    const { box, view } = await hydrateAfter((b) => b.click());
    expect(view()).toBe("DB spans hidden");
    expect(box.checked).toBe(true);
    await act(async () => box.click());
    expect(view()).toBe("DB spans shown");
    expect(box.checked).toBe(false);
  });

  it("changes nothing when no click came before hydration", async () => {
    const { box, view } = await hydrateAfter(() => {});
    expect(view()).toBe("DB spans shown");
    expect(box.checked).toBe(false);
  });
});
