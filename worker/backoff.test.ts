import { describe, expect, it } from "vitest";
import { backoffDelay, sleep } from "./backoff";

describe("backoffDelay", () => {
  it("doubles from the initial delay up to the cap, within 10% jitter", () => {
    const policy = { initialMs: 500, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => backoffDelay(a, policy, () => 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(1, policy, () => 0)).toBe(450);
    expect(backoffDelay(10, policy, () => 1)).toBe(30000);
  });
});

describe("sleep", () => {
  it("ends at once when aborted", async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
