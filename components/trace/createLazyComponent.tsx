"use client";
// A component whose code is not in the page's first scripts (issue 14 goal 1): loaded when it is
// first shown, or earlier by `preload()` (an idle moment after the first paint), so that a click
// finds it there. No Suspense boundary around it: React's server renderer sends a finished
// boundary of more than 500 bytes after a big page out of order and reveals it at least 300 ms
// after the first paint (docs/benchmarks.md §41), with the fallback shown until then.
import {
  createElement,
  lazy,
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type ReactNode,
  type RefObject,
} from "react";
import { scheduleAfterPaint } from "./scheduleAfterPaint";

export type LazyComponent<P> = {
  /** Memoized on its props. */
  Component: ComponentType<P>;
  /** Starts loading the code (once); resolves when it is there. */
  preload(): Promise<unknown>;
};

/**
 * What the server's HTML holds:
 * - "fallback": the stand-in, which must look like the component's own first render (a panel whose
 *   content comes later anyway); the browser hydrates the stand-in and swaps in the component once
 *   its code has arrived, loaded right after the hydration.
 * - "component": the component itself (its code is loaded with this module on the server); the
 *   browser hydrates it once its code has arrived (that part of the page waits for it, showing the
 *   server's HTML meanwhile: a span opened by a shared link).
 * In the browser, a component first shown after the hydration (a click) is drawn at once if its
 * code is there, else the stand-in until it arrives. `load` must be written at the call site as
 * `() => import("./X").then((m) => m.X)`, so that the bundler makes a chunk of its own for it.
 * An element focused in the stand-in when the component replaces it (a tab of the breakdowns' bar,
 * which the stand-in draws as the component does) hands its focus to the component's element of the
 * same id, else the keyboard user's focus would fall to the body.
 */
export function createLazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => ReactNode,
  server: "fallback" | "component",
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null; // a later render or preload tries again
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  const Component = memo(function LazilyLoaded(props: P) {
    const hydrating = useSyncExternalStore(subscribeToNothing, inBrowser, onServer);
    // Chosen once per mount: another component type in the same place would mount it anew (its state lost).
    const [chosen, setChosen] = useState<{ type: ComponentType<P> | null; error?: unknown }>(() => ({
      type: hydrating ? (server === "component" ? (loaded ?? Lazy) : null) : loaded,
    }));
    useEffect(() => {
      if (chosen.type !== null) return;
      let live = true;
      preload().then(
        (type) => live && setChosen({ type }),
        (error: unknown) => live && setChosen({ type: null, error }),
      );
      return () => void (live = false);
    }, [chosen.type]);
    const focusLeavingRef = useRef<FocusLeaving | null>(null);
    useLayoutEffect(() => {
      const leaving = focusLeavingRef.current;
      focusLeavingRef.current = null;
      if (leaving && chosen.type) handFocusOver(leaving);
    }, [chosen.type]);
    if (chosen.error !== undefined) throw chosen.error; // to the page's error boundary, as a failed first script
    return chosen.type ? createElement(chosen.type, props) : <StandIn focusLeavingRef={focusLeavingRef}>{fallback(props)}</StandIn>;
  });
  // On the server the code is loaded at once, so that a render there never waits for it.
  if (typeof window === "undefined") void preload().catch(() => {});
  return { Component, preload };
}

/** The element focused as the stand-in leaves, with its ancestors then (it leaves the document with the stand-in). */
type FocusLeaving = { element: HTMLElement; ancestors: Element[] };

/**
 * The stand-in, noting the focused element (one with an id) as it leaves: its layout cleanup runs
 * before React removes its DOM. The stand-in has no box of its own to ask whether the element is
 * inside it; one outside stays in the document, and handFocusOver leaves that alone.
 */
function StandIn({ focusLeavingRef, children }: { focusLeavingRef: RefObject<FocusLeaving | null>; children: ReactNode }) {
  useLayoutEffect(() => {
    focusLeavingRef.current = null;
    return () => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement) || !element.id) return;
      const ancestors: Element[] = [];
      for (let up = element.parentElement; up; up = up.parentElement) ancestors.push(up);
      focusLeavingRef.current = { element, ancestors };
    };
  }, [focusLeavingRef]);
  return children;
}

/**
 * Once the component is in: when the element focused in the stand-in left with it and the focus fell
 * to the body, focuses the element of the same id where the stand-in was (its nearest ancestor still
 * in the document). A focus elsewhere, or kept, is left alone.
 */
function handFocusOver({ element, ancestors }: FocusLeaving): void {
  if (element.isConnected) return;
  const active = document.activeElement;
  if (active !== null && active !== document.body) return;
  const place = ancestors.find((ancestor) => ancestor.isConnected);
  const successor = document.getElementById(element.id);
  if (place && successor && place.contains(successor)) successor.focus();
}

const subscribeToNothing = () => () => {};
const inBrowser = () => false;
/** The server snapshot: also what the browser reads while it hydrates the server's HTML. */
const onServer = () => true;

/** Preloads a lazy component's code once the first frame is painted and the browser is idle (at most 2 s later). */
export function usePreloadAfterPaint(preload: () => Promise<unknown>): void {
  // A failed preload fails again, visibly, when the panel is opened.
  useEffect(() => scheduleAfterPaint(() => void preload().catch(() => {}), 2000), [preload]);
}
