import { describe, expect, it } from "vitest";
import { createCollectorCounters } from "./counters";
import { describeCollectorHealth, STALE_AFTER_MS } from "./describeCollectorHealth";

const NOW = 1_800_000_000_000_000;
const row = {
  id: "ostrace.profiler",
  connected: true,
  ready: true,
  startedUs: NOW - 60e6,
  updatedUs: NOW - 1e6,
  counters: JSON.stringify({ ...createCollectorCounters(), received: 7 }),
  lastError: null,
};

describe("describeCollectorHealth", () => {
  it("is connected while the heartbeat is fresh and the worker says so", () => {
    expect(describeCollectorHealth(row, NOW)).toMatchObject({
      queue: "ostrace.profiler",
      state: "connected",
      heartbeatAgeSeconds: 1,
      counters: { received: 7 },
    });
    expect(describeCollectorHealth({ ...row, connected: false, lastError: "broker: ECONNREFUSED" }, NOW)).toMatchObject({
      state: "disconnected",
      lastError: "broker: ECONNREFUSED",
    });
  });

  it("tells apart several collectors on one queue by their names", () => {
    expect(describeCollectorHealth(row, NOW)).toMatchObject({ queue: "ostrace.profiler", collector: null });
    expect(describeCollectorHealth({ ...row, id: "ostrace.profiler@ctl-2" }, NOW)).toMatchObject({
      queue: "ostrace.profiler",
      collector: "ctl-2",
    });
  });

  it("is stale when the worker stopped writing, whatever it said last", () => {
    expect(describeCollectorHealth({ ...row, updatedUs: NOW - STALE_AFTER_MS * 1000 - 1 }, NOW)).toMatchObject({
      state: "stale",
      ready: false,
    });
  });

  it("is ready once the worker says its queue is bound, and not before", () => {
    expect(describeCollectorHealth(row, NOW).ready).toBe(true);
    expect(describeCollectorHealth({ ...row, connected: false, ready: false, lastError: "broker: ECONNREFUSED" }, NOW).ready).toBe(false);
  });

  it("keeps the known numeric counters of a row written by another version", () => {
    const status = describeCollectorHealth({ ...row, counters: '{"received": 3, "batches": "x", "future": 1}' }, NOW);
    expect(status.counters).toEqual({ ...createCollectorCounters(), received: 3 });
    expect(describeCollectorHealth({ ...row, counters: "not json" }, NOW).counters).toEqual(createCollectorCounters());
  });
});
