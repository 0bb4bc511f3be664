// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Steps } from "@/lib/trace";
import { useIdleSteps } from "./useIdleComputation";

/** Each step takes 11 ms of a fake clock: longer than a slice, so each slice runs one step. */
let now = 0;
const stepsRun: number[] = [];
function* countTo(n: number): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    now += 11;
    stepsRun.push(n);
    yield;
  }
  return sum;
}

describe("useIdleSteps", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs a computation one slice per task, stale until its result, and drops a run whose key changed", async () => {
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const { result, rerender } = renderHook(({ n }) => useIdleSteps(n, countTo, true), { initialProps: { n: 1000 } });
    expect(result.current).toEqual({ value: null, stale: true });
    await waitFor(() => expect(stepsRun.length).toBeGreaterThan(3));
    // Slices, each its own task: progress is gradual and the result not there yet.
    const seen = stepsRun.length;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stepsRun.length - seen).toBeLessThan(5);
    expect(result.current.value).toBeNull();
    act(() => rerender({ n: 5 })); // the 1000-step run is abandoned, not finished
    await waitFor(() => expect(result.current).toEqual({ value: 15, stale: false }));
    const thousands = stepsRun.filter((n) => n === 1000).length;
    expect(thousands).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stepsRun.filter((n) => n === 1000).length).toBe(thousands);
  });

  it("waits for an idle period by default, and starts right after the next paint when asked to", async () => {
    // An idle period that never comes, as on a page still busy after its first rows.
    const idle = vi.fn(() => 1);
    vi.stubGlobal("requestIdleCallback", idle);
    vi.stubGlobal("cancelIdleCallback", vi.fn());
    try {
      const waiting = renderHook(() => useIdleSteps(3, countTo, true));
      const painted = renderHook(() => useIdleSteps(4, countTo, true, { start: "afterPaint" }));
      await waitFor(() => expect(painted.result.current).toEqual({ value: 10, stale: false }));
      expect(idle).toHaveBeenCalledTimes(1); // the default run's, not the "afterPaint" one's
      expect(waiting.result.current).toEqual({ value: null, stale: true });
      waiting.unmount();
      painted.unmount();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
