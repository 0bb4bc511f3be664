import { act } from "@testing-library/react";
import type { ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";

/** The server's HTML in the document, hydrated with the same element, as the browser does; hydration errors collected. */
export async function hydrateServerHtml(html: string, element: ReactNode) {
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const errors: unknown[] = [];
  let root: ReturnType<typeof hydrateRoot> | undefined;
  await act(async () => {
    root = hydrateRoot(container, element, { onRecoverableError: (error) => errors.push(error) });
  });
  return {
    container,
    errors,
    // Unit test files share one jsdom (vitest.config.ts: isolate false): leave nothing behind.
    remove() {
      act(() => root!.unmount());
      container.remove();
    },
  };
}
