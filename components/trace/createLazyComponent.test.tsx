// @vitest-environment jsdom
// A component loaded apart from the page's first scripts: what the server's HTML holds, how the
// browser hydrates it while the code is still on its way, a first render after a click, and the
// focus carried across the stand-in's swap.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Component as ClassComponent, useState, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hydrateServerHtml } from "@/tests/support/hydrateServerHtml";
import { createLazyComponent } from "./createLazyComponent";

afterEach(cleanup);

type Props = { label: string };

let mounts = 0;
function Counter({ label }: Props) {
  const [count, setCount] = useState(() => (mounts++, 0));
  return (
    <section aria-label={label}>
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        clicked {count}
      </button>
    </section>
  );
}

const standIn = ({ label }: Props) => <section aria-label={label}>loading {label}</section>;

/** A load that resolves when the test says so. */
function deferredLoad() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const gate = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const load = vi.fn(() => gate.then(() => Counter));
  return { load, resolve: () => act(async () => resolve()), reject: (error: Error) => act(async () => reject(error)) };
}

describe("createLazyComponent", () => {
  it('"fallback": the server sends the stand-in, the browser hydrates it and swaps in the component once its code arrives', async () => {
    const { load, resolve } = deferredLoad();
    const lazy = createLazyComponent<Props>(load, standIn, "fallback");
    const html = renderToString(<lazy.Component label="panel" />);
    expect(html).toBe('<section aria-label="panel">loading <!-- -->panel</section>');
    expect(load).not.toHaveBeenCalled();

    const page = await hydrateServerHtml(html, <lazy.Component label="panel" />);
    try {
      expect(page.errors).toEqual([]);
      expect(page.container.textContent).toBe("loading panel");
      expect(load).toHaveBeenCalledTimes(1); // right after the hydration
      await resolve();
      expect(page.container.textContent).toBe("clicked 0");
      fireEvent.click(screen.getByRole("button"));
      expect(page.container.textContent).toBe("clicked 1");
    } finally {
      page.remove();
    }
  });

  it('"component": the server sends the component; the browser keeps that HTML until the code has arrived, then hydrates it', async () => {
    const onServer = createLazyComponent<Props>(async () => Counter, standIn, "component");
    await onServer.preload(); // what the module does on the server when it is loaded
    const html = renderToString(<onServer.Component label="details" />);
    expect(html).toBe('<section aria-label="details"><button type="button">clicked <!-- -->0</button></section>');

    // The browser's copy of the module: the code not loaded yet.
    const { load, resolve } = deferredLoad();
    const inBrowser = createLazyComponent<Props>(load, standIn, "component");
    const page = await hydrateServerHtml(html, <inBrowser.Component label="details" />);
    try {
      // The server's HTML as it came, never the stand-in.
      expect(page.container.innerHTML).toBe(html);
      await resolve();
      expect(page.errors).toEqual([]);
      expect(page.container.innerHTML).toBe(html);
      fireEvent.click(screen.getByRole("button"));
      expect(page.container.textContent).toBe("clicked 1"); // hydrated: it answers
    } finally {
      page.remove();
    }
  });

  it("draws a component first shown in the browser at once when its code is there, and the stand-in until it is otherwise", async () => {
    const { load, resolve } = deferredLoad();
    const lazy = createLazyComponent<Props>(load, standIn, "component");
    const first = render(<lazy.Component label="details" />);
    expect(first.container.textContent).toBe("loading details");
    await resolve();
    expect(first.container.textContent).toBe("clicked 0");
    first.unmount();

    // Preloaded (as the page does once idle): the first render is the component, no stand-in.
    mounts = 0;
    const preloaded = createLazyComponent<Props>(async () => Counter, standIn, "component");
    await preloaded.preload();
    const second = render(<preloaded.Component label="again" />);
    expect(second.container.textContent).toBe("clicked 0");
    expect(mounts).toBe(1); // mounted once, and not again when its props change
    second.rerender(<preloaded.Component label="again, renamed" />);
    expect(mounts).toBe(1);
    expect(screen.getByRole("region", { name: "again, renamed" })).toBeTruthy();
  });

  it("loads the code once however many places show it, and a failed load reaches the error boundary", async () => {
    const { load, reject } = deferredLoad();
    const lazy = createLazyComponent<Props>(load, standIn, "fallback");
    const caught: unknown[] = [];
    class Boundary extends ClassComponent<{ children: ReactNode }, { failed: boolean }> {
      override state = { failed: false };
      static getDerivedStateFromError() {
        return { failed: true };
      }
      override componentDidCatch(error: unknown) {
        caught.push(error);
      }
      override render() {
        return this.state.failed ? <p>failed</p> : this.props.children;
      }
    }
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const view = render(
        <Boundary>
          <lazy.Component label="a" />
          <lazy.Component label="b" />
        </Boundary>,
      );
      expect(load).toHaveBeenCalledTimes(1);
      await reject(new Error("chunk failed"));
      expect(view.container.textContent).toBe("failed");
      expect(caught).toEqual([new Error("chunk failed")]);
    } finally {
      quiet.mockRestore();
    }
  });

  describe("focus across the swap", () => {
    // A stand-in that draws the component's controls (as the breakdowns' pending tab bar does): React
    // mounts new elements for them, the focused one leaving the document.
    const bar = (which: string) => (
      <div role="tablist" aria-label={which}>
        <button type="button" role="tab" id="tab-a">
          A
        </button>
        <button type="button" role="tab" id="tab-b">
          B
        </button>
      </div>
    );
    const Loaded = () => <article>{bar("loaded")}</article>;
    const swapping = () => {
      let resolve!: () => void;
      const gate = new Promise<void>((res) => (resolve = res));
      const lazy = createLazyComponent<object>(
        () => gate.then(() => Loaded),
        () => <section>{bar("pending")}</section>,
        "fallback",
      );
      return { lazy, arrive: () => act(async () => resolve()) };
    };

    it("hands the focus of a stand-in's element to the component's element of the same id", async () => {
      const { lazy, arrive } = swapping();
      render(<lazy.Component />);
      const pending = screen.getByRole("tab", { name: "B" });
      pending.focus();
      await arrive();
      const arrived = screen.getByRole("tab", { name: "B" });
      expect(arrived).not.toBe(pending);
      expect(screen.getByRole("tablist").getAttribute("aria-label")).toBe("loaded");
      expect(document.activeElement).toBe(arrived);
    });

    it("takes no focus when the stand-in had none", async () => {
      const { lazy, arrive } = swapping();
      render(
        <>
          <input aria-label="elsewhere" />
          <lazy.Component />
        </>,
      );
      const elsewhere = screen.getByRole("textbox", { name: "elsewhere" });
      elsewhere.focus();
      await arrive();
      expect(screen.getByRole("tablist").getAttribute("aria-label")).toBe("loaded");
      expect(document.activeElement).toBe(elsewhere);
    });
  });
});
