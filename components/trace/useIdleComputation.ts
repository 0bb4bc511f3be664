"use client";
// Heavy panel figures (breakdowns over 100k spans take 40-150 ms) must not delay what an
// interaction changes on screen: they are computed after the next paint, only while their
// panel is (nearly) on screen, and the last result stays shown, marked stale, meanwhile.
import { useEffect, useRef, useState, type RefObject } from "react";

export type IdleResult<T> = { value: T | null; stale: boolean };

/**
 * `same(a, b)`: whether a result computed for key a holds for key b too (default: the same
 * object). `keep`: how many recent results to keep, so that going back to an earlier key (a
 * filter toggled off again) shows its result at once instead of computing it again.
 */
export function useIdleComputation<K, T>(
  key: K,
  compute: (key: K) => T,
  enabled: boolean,
  same: (a: K, b: K) => boolean = Object.is,
  keep = 1,
): IdleResult<T> {
  const [done, setDone] = useState<{ key: K; value: T }[]>([]);
  const hit = done.find((d) => same(d.key, key));
  const computeRef = useRef(compute);
  useEffect(() => {
    computeRef.current = compute;
  });
  const found = hit !== undefined;
  useEffect(() => {
    if (!enabled || found) return;
    // After the frame that shows the interaction's result, when the browser is idle (within 1 s).
    const run = () => {
      const value = computeRef.current(key);
      setDone((recent) => [{ key, value }, ...recent].slice(0, keep));
    };
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
  }, [key, enabled, found, keep]);
  return { value: (hit ?? done[0])?.value ?? null, stale: !found };
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
