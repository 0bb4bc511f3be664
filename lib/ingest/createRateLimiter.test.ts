import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./createRateLimiter";

describe("createRateLimiter", () => {
  it("lets a source burst one second of the rate, then makes it wait for its debt", () => {
    const limiter = createRateLimiter(100);
    expect(limiter.charge("a", 100, 0)).toBe(0);
    expect(limiter.wouldWait("a", 0)).toBe(1);
    // A charge beyond the balance is taken, and its debt paid in time: 50 tokens at 100/s = 500 ms.
    expect(limiter.charge("a", 50, 0)).toBe(500);
    expect(limiter.wouldWait("a", 499)).toBeGreaterThan(0);
    expect(limiter.wouldWait("a", 501)).toBe(0);
  });

  it("keeps sources apart and refills to one second's worth at most", () => {
    const limiter = createRateLimiter(10);
    expect(limiter.charge("a", 30, 0)).toBe(2000);
    expect(limiter.wouldWait("b", 0)).toBe(0);
    // After a long quiet spell the bucket holds 10, not 10 per second of quiet.
    expect(limiter.charge("b", 10, 60_000)).toBe(0);
    expect(limiter.charge("b", 10, 60_000)).toBe(1000);
  });

  it("bounds a flood to the rate over time: at most the burst plus rate x seconds pass", () => {
    const limiter = createRateLimiter(1000);
    let passed = 0;
    for (let ms = 0; ms < 10_000; ms++) {
      if (limiter.wouldWait("flood", ms) === 0) {
        limiter.charge("flood", 50, ms);
        passed += 50;
      }
    }
    expect(passed).toBeLessThanOrEqual(1000 + 1000 * 10 + 50);
    expect(passed).toBeGreaterThan(1000 * 10 - 50);
  });

  it("is off at 0", () => {
    const limiter = createRateLimiter(0);
    expect(limiter.charge("a", 1e9, 0)).toBe(0);
    expect(limiter.wouldWait("a", 0)).toBe(0);
  });
});
