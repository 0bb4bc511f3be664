"use client";
// Heavy panel figures (breakdowns over 100k spans take 40-150 ms, over 1M spans seconds) must not
// delay what an interaction changes on screen: they are computed after the next paint, only
// while their panel is (nearly) on screen, and the last result stays shown, marked stale,
// meanwhile. A computation given in steps (lib/trace/runSteps.ts) starts in an idle period (or,
// for what the first screen is for, right after the next paint) and runs in slices of ~10 ms, one
// task each, so an input that comes meanwhile waits for one slice, not for the whole computation.
import { startTransition, useEffect, useState, type RefObject } from "react";
import type { Steps } from "@/lib/trace";
import { useLatest } from "../ui/useLatest";

export type IdleResult<T> = { value: T | null; stale: boolean };

/** Longest run of steps before the page gets the thread back (an input waits at most this long, plus one step). */
const SLICE_MS = 10;

export type IdleOptions<K> = {
  /** Whether a result computed for key a holds for key b too (default: the same object). */
  same?: (a: K, b: K) => boolean;
  /**
   * How many recent results to keep, so that going back to an earlier key (a filter toggled off
   * again) shows its result at once instead of computing it again.
   */
  keep?: number;
  /**
   * When the first slice runs: "idle" (default), in the browser's next idle period (within 1 s);
   * "afterPaint", right after the next frame is painted. For what the first screen is for (the
   * critical path, the findings): on a page just opened the first idle period came 150-215 ms
   * after the first rows were painted, for 15-30 ms of work (10k spans, docs/benchmarks.md §35).
   */
  start?: "idle" | "afterPaint";
};

export function useIdleComputation<K, T>(key: K, compute: (key: K) => T, enabled: boolean, options: IdleOptions<K> = {}): IdleResult<T> {
  return useIdleSteps(key, (k) => computeOnce(compute, k), enabled, options);
}

/** The whole computation as one step. */
function* computeOnce<K, T>(compute: (key: K) => T, key: K): Steps<T> {
  return compute(key);
}

/** useIdleComputation for a computation in steps: run in slices of idle time until it returns. */
export function useIdleSteps<K, T>(key: K, steps: (key: K) => Steps<T>, enabled: boolean, options: IdleOptions<K> = {}): IdleResult<T> {
  const { same = Object.is, keep = 1, start = "idle" } = options;
  const [done, setDone] = useState<{ key: K; value: T }[]>([]);
  const hit = done.find((d) => same(d.key, key));
  const stepsRef = useLatest(steps);
  const found = hit !== undefined;
  useEffect(() => {
    if (!enabled || found) return;
    // After the frame that shows the interaction's result: when the browser is idle (within 1 s),
    // or at once once that frame is painted.
    let running: Steps<T> | null = null;
    let idle: number | undefined, timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      running ??= stepsRef.current(key);
      const began = performance.now();
      for (;;) {
        const next = running.next();
        if (next.done) {
          const value = next.value;
          // A transition: the render that shows the result gives way to an input that comes meanwhile
          // (a scroll right after the first rows must not wait for the critical path's stripes).
          startTransition(() => setDone((recent) => [{ key, value }, ...recent].slice(0, keep)));
          return;
        }
        if (performance.now() - began >= SLICE_MS) break;
      }
      // The rest as soon as the page has had its turn (inputs, frames): not at the next idle
      // period, which a busy page (a 1M-span trace drawing) may give only at the 1 s timeout.
      timer = setTimeout(slice, 0);
    };
    const schedule = () => {
      if (start === "idle" && typeof requestIdleCallback === "function") idle = requestIdleCallback(slice, { timeout: 1000 });
      else timer = setTimeout(slice, 0);
    };
    const frame = requestAnimationFrame(schedule);
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [key, enabled, found, keep, start, stepsRef]);
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
