import { describe, expect, it } from "vitest";
import {
  assessTraceLiveness,
  formatLivenessHeaders,
  LIVE_MAX_AGE_US,
  LIVE_OPEN_QUIET_US,
  LIVE_QUIET_US,
  parseLivenessHeaders,
} from "./traceLiveness";

const NOW = 1_714_557_600_000_000;
/** A trace that ran 10 s and ended 2 s ago, last changed `quietS` seconds ago. */
const trace = (quietS: number, unfinishedCount = 0, endedAgoUs = 2_000_000) => ({
  startUs: NOW - endedAgoUs - 10_000_000,
  durationUs: 10_000_000,
  unfinishedCount,
  updatedUs: NOW - quietS * 1_000_000,
});

describe("trace liveness", () => {
  it("is live while batches keep changing the trace, and quiet after 30 s without one", () => {
    expect(assessTraceLiveness(trace(0), NOW)).toEqual({ live: true, quietUs: 0 });
    expect(assessTraceLiveness(trace(29), NOW)).toEqual({ live: true, quietUs: 29_000_000 });
    expect(assessTraceLiveness(trace(LIVE_QUIET_US / 1e6), NOW).live).toBe(false);
  });

  it("waits longer while spans are open: a cast's work may send nothing for minutes", () => {
    expect(assessTraceLiveness(trace(90, 3), NOW).live).toBe(true);
    expect(assessTraceLiveness(trace(LIVE_OPEN_QUIET_US / 1e6, 3), NOW).live).toBe(false);
  });

  it("is never live when the trace's own timestamps are old, however recently it was stored (an import, a replay)", () => {
    expect(assessTraceLiveness(trace(1, 0, LIVE_MAX_AGE_US), NOW).live).toBe(false);
    expect(assessTraceLiveness(trace(1, 0, LIVE_MAX_AGE_US - 1_000_000), NOW).live).toBe(true);
    // Hosts whose clocks run ahead of the server's: still live.
    expect(assessTraceLiveness(trace(1, 0, -5_000_000), NOW).live).toBe(true);
  });

  it("counts no negative quiet time when the collector's clock is ahead of the server's", () => {
    expect(assessTraceLiveness({ ...trace(0), updatedUs: NOW + 3_000_000 }, NOW)).toEqual({ live: true, quietUs: 0 });
  });

  it("travels as two response headers, and anything else reads as unknown", () => {
    const headers = new Headers(formatLivenessHeaders({ live: true, quietUs: 4_321_000 }));
    expect(headers.get("x-ostrace-live")).toBe("1");
    expect(headers.get("x-ostrace-quiet-ms")).toBe("4321");
    expect(parseLivenessHeaders(headers)).toEqual({ live: true, quietUs: 4_321_000 });
    expect(parseLivenessHeaders(new Headers(formatLivenessHeaders({ live: false, quietUs: 0 })))).toEqual({ live: false, quietUs: 0 });
    expect(parseLivenessHeaders(new Headers())).toBeNull();
    expect(parseLivenessHeaders(new Headers({ "x-ostrace-live": "yes", "x-ostrace-quiet-ms": "1" }))).toBeNull();
    expect(parseLivenessHeaders(new Headers({ "x-ostrace-live": "1", "x-ostrace-quiet-ms": "-1" }))).toBeNull();
  });
});
