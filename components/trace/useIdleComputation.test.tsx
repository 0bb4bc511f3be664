// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Steps } from "@/lib/trace";
import { useIdleSteps } from "./useIdleComputation";

function* countTo(n: number): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    yield;
  }
  return sum;
}

describe("useIdleSteps", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("runs a computation a slice per idle period, stale until its result, and drops a run whose key changed", async () => {
    // No idle time left in any period: one step per slice, the page gets the thread back after each.
    const slices: string[] = [];
    vi.stubGlobal("requestIdleCallback", (run: (d: IdleDeadline) => void) =>
      setTimeout(() => (slices.push("slice"), run({ didTimeout: false, timeRemaining: () => 0 })), 0),
    );
    vi.stubGlobal("cancelIdleCallback", (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
    const started: number[] = [];
    const steps = (n: number) => (started.push(n), countTo(n));
    const { result, rerender } = renderHook(({ n }) => useIdleSteps(n, steps, true), { initialProps: { n: 1000 } });
    expect(result.current).toEqual({ value: null, stale: true });
    await waitFor(() => expect(slices.length).toBeGreaterThan(3));
    expect(result.current.value).toBeNull();
    act(() => rerender({ n: 5 })); // the 1000-step run is abandoned, not finished
    await waitFor(() => expect(result.current).toEqual({ value: 15, stale: false }));
    expect(started).toEqual([1000, 5]);
    const slicesThen = slices.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(slices.length).toBe(slicesThen);
  });
});
