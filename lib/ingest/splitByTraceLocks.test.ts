import { describe, expect, it } from "vitest";
import { splitByTraceLocks } from "./splitByTraceLocks";

describe("splitByTraceLocks", () => {
  it("stores the free traces now and carries the busy ones while they may be carried", () => {
    const traces = ["a", "b", "a", "c", "b"];
    expect(splitByTraceLocks(traces, new Set(["a"]), [true, true, true, true, true])).toEqual({
      now: [0, 2],
      wait: [],
      carry: [1, 3, 4],
    });
  });

  it("waits for a busy trace as a whole once one of its notifications may not be carried again", () => {
    // b's second notification was carried too often: both of b's wait; c is still carried.
    const traces = ["a", "b", "c", "b"];
    expect(splitByTraceLocks(traces, new Set(["a"]), [true, true, true, false])).toEqual({
      now: [0],
      wait: [1, 3],
      carry: [2],
    });
  });

  it("stores a free trace now even when its notifications may not be carried", () => {
    expect(splitByTraceLocks(["a", "a"], new Set(["a"]), [false, false])).toEqual({ now: [0, 1], wait: [], carry: [] });
  });

  it("waits for every busy trace when nothing may be carried (SQLite, the HTTP ingest, a collector stopping)", () => {
    expect(splitByTraceLocks(["a", "b", "c"], new Set(["b"]), [])).toEqual({ now: [1], wait: [0, 2], carry: [] });
  });

  it("carries everything when no lock was free and all may be carried", () => {
    expect(splitByTraceLocks(["x", "y"], new Set(), [true, true])).toEqual({ now: [], wait: [], carry: [0, 1] });
  });
});
