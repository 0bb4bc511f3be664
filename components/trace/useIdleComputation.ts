"use client";
// Heavy panel figures (breakdowns over 100k spans take 40-150 ms) must not delay what an
// interaction changes on screen: they are computed after the next paint, only while their
// panel is (nearly) on screen, and the last result stays shown, marked stale, meanwhile.
import { useEffect, useRef, useState, type RefObject } from "react";

export type IdleResult<T> = { value: T | null; stale: boolean };

/** `same(a, b)`: whether a result computed for key a holds for key b too (default: the same object). */
export function useIdleComputation<K, T>(key: K, compute: (key: K) => T, enabled: boolean, same: (a: K, b: K) => boolean = Object.is): IdleResult<T> {
  const [done, setDone] = useState<{ key: K; value: T } | null>(null);
  const computeRef = useRef(compute);
  useEffect(() => {
    computeRef.current = compute;
  });
  useEffect(() => {
    if (!enabled || (done !== null && same(done.key, key))) return;
    // After the frame that shows the interaction's result, when the browser is idle (within 1 s).
    const run = () => setDone({ key, value: computeRef.current(key) });
    let idle: number | undefined, timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(run, { timeout: 1000 });
      else timer = setTimeout(run, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `same` is a pure comparison, not an input
  }, [key, enabled, done]);
  return { value: done?.value ?? null, stale: done === null || !same(done.key, key) };
}

/** Whether an element is within `margin` of the viewport (always true where IntersectionObserver is missing). */
export function useNearViewport(ref: RefObject<Element | null>, margin = "300px"): boolean {
  const [near, setNear] = useState(typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => setNear(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin]);
  return near;
}
