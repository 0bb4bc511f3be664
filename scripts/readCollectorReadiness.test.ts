import { describe, expect, it } from "vitest";
import { readCollectorReadiness, type StatusCollector } from "./readCollectorReadiness";

const LAUNCHED = 1_800_000_000_000_000;
const own: StatusCollector = { queue: "ostrace.profiler", startedUs: LAUNCHED + 2_000_000, ready: false, lastError: null };

describe("readCollectorReadiness", () => {
  it("waits until the collector launched by this start reports its queue bound", () => {
    expect(readCollectorReadiness({ collectors: [] }, "ostrace.profiler", LAUNCHED)).toEqual({ kind: "waiting" });
    expect(readCollectorReadiness({ collectors: [own] }, "ostrace.profiler", LAUNCHED)).toEqual({ kind: "waiting" });
    expect(readCollectorReadiness({ collectors: [{ ...own, ready: true }] }, "ostrace.profiler", LAUNCHED)).toEqual({ kind: "ready" });
  });

  it("does not take the row of an earlier run, or of another queue, for this collector", () => {
    const earlier = { ...own, startedUs: LAUNCHED - 60_000_000, ready: true };
    const other = { ...own, queue: "ostrace.other", ready: true };
    expect(readCollectorReadiness({ collectors: [earlier, other] }, "ostrace.profiler", LAUNCHED)).toEqual({ kind: "waiting" });
  });

  it("says so when the collector cannot reach the broker, but not for a database error", () => {
    const noBroker = { ...own, lastError: "broker: connect ECONNREFUSED 127.0.0.1:5672" };
    expect(readCollectorReadiness({ collectors: [noBroker] }, "ostrace.profiler", LAUNCHED)).toEqual({
      kind: "no-broker",
      error: "connect ECONNREFUSED 127.0.0.1:5672",
    });
    expect(readCollectorReadiness({ collectors: [{ ...own, lastError: "database: locked" }] }, "ostrace.profiler", LAUNCHED)).toEqual({
      kind: "waiting",
    });
  });

  it("says so when the broker refuses the collector's queue as configured, which is no missing broker", () => {
    const conflict = { ...own, lastError: "queue: queue ostrace.profiler exists as a quorum queue but OSTRACE_QUEUE_TYPE=classic, ..." };
    expect(readCollectorReadiness({ collectors: [conflict] }, "ostrace.profiler", LAUNCHED)).toEqual({
      kind: "queue-conflict",
      error: "queue ostrace.profiler exists as a quorum queue but OSTRACE_QUEUE_TYPE=classic, ...",
    });
  });

  it("reads an answer without collectors (the database was unavailable) as waiting", () => {
    expect(readCollectorReadiness({}, "ostrace.profiler", LAUNCHED)).toEqual({ kind: "waiting" });
  });
});
