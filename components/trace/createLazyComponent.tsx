"use client";
// A component whose code is not in the page's first scripts: loaded when it is first shown, or
// earlier by `preload()` (an idle moment after the first paint), so that a click finds it there.
// The server renders it as usual (its code is loaded with the module there), and the browser
// keeps that HTML until the code has arrived and hydrated it: no layout jump.
import { createElement, lazy, memo, Suspense, useEffect, useState, type ComponentType, type ReactNode } from "react";

export type LazyComponent<P> = {
  /** Memoized on its props: a parent's render leaves a part still waiting for its code (server HTML) untouched. */
  Component: ComponentType<P>;
  /** Starts loading the code (once); resolves when it is there. */
  preload(): Promise<unknown>;
};

/**
 * `load` must be written at the call site as `() => import("./X").then((m) => m.X)`, so that the
 * bundler makes a chunk of its own for it. `fallback` is shown only where the code is still on
 * its way when the component is first rendered in the browser: give it the component's size.
 */
export function createLazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => ReactNode,
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
    // Chosen once per mount: switching from Lazy to the loaded component would mount it anew (its state lost).
    const [Chosen] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Suspense fallback={fallback(props)}>{createElement(Chosen, props)}</Suspense>;
  });
  // On the server the code is loaded at once, so that a render there never waits for it.
  if (typeof window === "undefined") void preload().catch(() => {});
  return { Component, preload };
}

/** Preloads a lazy component's code once the first frame is painted and the browser is idle (at most 2 s later). */
export function usePreloadAfterPaint(preload: () => Promise<unknown>): void {
  useEffect(() => {
    let idle: number | undefined, timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => void preload().catch(() => {}); // it fails again, visibly, if the panel is opened
    // A rAF callback runs before its frame's paint; what it schedules, after.
    const frame = requestAnimationFrame(() => {
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(start, { timeout: 2000 });
      else timer = setTimeout(start, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [preload]);
}
