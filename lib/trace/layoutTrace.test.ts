import { describe, expect, it } from "vitest";
import { layoutTrace, type TraceColumns } from "./layoutTrace";
import { SpanFlag } from "./types";

// Columns for:            start..stop (µs)   flags
//   0 a                   100..900
//   ├ 1 b                 200..?  -> 300      UNFINISHED
//   │ └ 2 c               250..?  -> 300      UNFINISHED
//   └ 3 d                 ?..800  <- 700      NO_START
//   4 e                   NaN (nothing known)
function columns(): TraceColumns {
  const n = 5;
  return {
    traceId: "T", size: n, strings: ["x"], spanId: ["a", "b", "c", "d", "e"],
    parent: Int32Array.from([-1, 0, 1, 0, -1]),
    name: new Int32Array(n), service: new Int32Array(n), project: new Int32Array(n), host: new Int32Array(n),
    detail: new Int32Array(n).fill(-1), errorType: new Int32Array(n).fill(-1), errorMessage: new Int32Array(n).fill(-1),
    flags: Uint8Array.from([0, SpanFlag.UNFINISHED, SpanFlag.UNFINISHED, SpanFlag.NO_START, SpanFlag.NO_START | SpanFlag.UNFINISHED]),
    receivedParentId: new Map(),
    startUs: Float64Array.from([100, 200, 250, 700, NaN]),
    stopUs: Float64Array.from([900, 300, 300, 800, NaN]),
  };
}

describe("layoutTrace", () => {
  it("derives depth, subtree ends and the time axis", () => {
    const t = layoutTrace(columns());
    expect(Array.from(t.depth)).toEqual([0, 1, 2, 1, 0]);
    expect(Array.from(t.subtreeEnd)).toEqual([4, 3, 3, 4, 5]);
    expect([t.startedUs, t.finishedUs]).toEqual([100, 900]);
  });

  it("draws open ends to the parent's drawn end, through unfinished ancestors too", () => {
    const t = layoutTrace(columns());
    expect(Array.from(t.displayStopUs)).toEqual([900, 900, 900, 800, 900]);
    expect(Array.from(t.displayStartUs)).toEqual([100, 200, 250, 100, 100]);
  });

  it("puts a span with no time at all at the trace's start when it is a root", () => {
    const t = layoutTrace(columns());
    expect([t.startUs[4], t.stopUs[4]]).toEqual([100, 100]);
  });

  it("rejects columns that are not in pre-order", () => {
    const c = columns();
    c.parent[1] = 3;
    expect(() => layoutTrace(c)).toThrow("trace columns are not in pre-order: span 1 has parent 3");
  });

  it("gives an empty trace a zero axis", () => {
    const t = layoutTrace({ ...columns(), size: 0, spanId: [], parent: new Int32Array(0), flags: new Uint8Array(0), startUs: new Float64Array(0), stopUs: new Float64Array(0) });
    expect([t.startedUs, t.finishedUs, t.depth.length]).toEqual([0, 0, 0]);
  });
});
