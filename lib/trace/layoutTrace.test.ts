import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { layoutTrace, type TraceColumns } from "./layoutTrace";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
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
    traceId: "T",
    size: n,
    strings: ["x"],
    spanId: ["a", "b", "c", "d", "e"],
    parent: Int32Array.from([-1, 0, 1, 0, -1]),
    name: new Int32Array(n),
    service: new Int32Array(n),
    project: new Int32Array(n),
    host: new Int32Array(n),
    detail: new Int32Array(n).fill(-1),
    errorType: new Int32Array(n).fill(-1),
    errorMessage: new Int32Array(n).fill(-1),
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
    const t = layoutTrace({
      ...columns(),
      size: 0,
      spanId: [],
      parent: new Int32Array(0),
      flags: new Uint8Array(0),
      startUs: new Float64Array(0),
      stopUs: new Float64Array(0),
    });
    expect([t.startedUs, t.finishedUs, t.depth.length]).toEqual([0, 0, 0]);
  });

  describe("async continuations and clock skew, read from the times", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#api       api       0..33
      ├ rpc#cast     api       30..31
      │ └ rpc#cond   conductor 40..700   host=ctl-2
      │   └ db#late  conductor 650..720  host=ctl-2
      ├ rpc#call     api       10..20
      │ └ rpc#early  sched     5..15     host=ctl-3
      ├ rpc#lost     api       21..?
      │ └ rpc#child  api       22..25
      └ db#neg       api       29..28
    `),
    );
    const flagsOf = (id: string) => trace.flags[trace.spanId.indexOf(id)]! & (SpanFlag.ASYNC | SpanFlag.SKEW);
    const extentOf = (id: string) => [
      trace.subtreeStartUs[trace.spanId.indexOf(id)]! - T0,
      trace.subtreeStopUs[trace.spanId.indexOf(id)]! - T0,
    ];

    it("flags a span that ends after its parent ended as ASYNC, at every level", () => {
      expect(flagsOf("cond")).toBe(SpanFlag.ASYNC);
      expect(flagsOf("late")).toBe(SpanFlag.ASYNC);
      expect(flagsOf("cast")).toBe(0);
      expect(flagsOf("api")).toBe(0);
    });

    it("flags a start before the parent's start, and a stop before the start, as SKEW", () => {
      expect(flagsOf("early")).toBe(SpanFlag.SKEW);
      expect(flagsOf("neg")).toBe(SpanFlag.SKEW);
    });

    it("draws no conclusion from an inferred end", () => {
      // lost's stop never arrived (its end is its child's, 25): neither it nor its child is async.
      expect(flagsOf("lost")).toBe(0);
      expect(flagsOf("child")).toBe(0);
    });

    it("gives every span the extent of its subtree", () => {
      expect(extentOf("api")).toEqual([0, 720]);
      expect(extentOf("cast")).toEqual([30, 720]);
      expect(extentOf("call")).toEqual([5, 20]);
      expect(extentOf("neg")).toEqual([28, 29]);
    });

    it("derives the flags anew when the times change (a shifted view)", () => {
      const columns = {
        ...trace,
        flags: Uint8Array.from(trace.flags),
        startUs: Float64Array.from(trace.startUs),
        stopUs: Float64Array.from(trace.stopUs),
      };
      const early = trace.spanId.indexOf("early");
      columns.startUs[early]! += 10;
      columns.stopUs[early]! += 10;
      const shifted = layoutTrace(columns);
      expect(shifted.flags[early]! & SpanFlag.SKEW).toBe(0);
      expect(shifted.flags[early]! & SpanFlag.ASYNC).toBe(SpanFlag.ASYNC); // 15..25 now outlives call (10..20)
    });
  });
});
