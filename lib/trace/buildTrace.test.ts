import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { buildTrace } from "./buildTrace";
import { findSpanIndex } from "./findSpanIndex";
import { readParentId, readSpan } from "./readSpan";
import { DRAWN_TRACE_ID, spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { SpanFlag, type Trace } from "./types";

/** The tree as indented "id" lines, read back from the columns. */
function outline(trace: Trace): string {
  return Array.from({ length: trace.size }, (_, i) => "  ".repeat(trace.depth[i]!) + trace.spanId[i]).join("\n");
}

function flagsOf(trace: Trace, id: string): number {
  return trace.flags[findSpanIndex(trace, id)]!;
}

describe("buildTrace", () => {
  it("orders children and roots by start whatever the input order, in pre-order with depth and subtree ends", () => {
    const spans = spansFromDrawing(`
      wsgi#w      nova-api   0..100
      ├ db#late   nova-api   60..70
      ├ rpc#r     conductor  20..50
      │ └ db#x    conductor  30..40
      └ db#early  nova-api   5..10
      wsgi#w2     nova-api   -5..3
    `);
    for (const input of [spans, [...spans].reverse(), [spans[3]!, spans[0]!, spans[5]!, spans[1]!, spans[4]!, spans[2]!]]) {
      const trace = buildTrace(input);
      expect(outline(trace)).toBe(["w2", "w", "  early", "  r", "    x", "  late"].join("\n"));
      expect(Array.from(trace.parent)).toEqual([-1, -1, 1, 1, 3, 1]);
      expect(Array.from(trace.subtreeEnd)).toEqual([1, 6, 3, 5, 5, 6]);
      expect(trace.startedUs).toBe(T0 - 5);
      expect(trace.finishedUs).toBe(T0 + 100);
    }
  });

  it("breaks start ties by stop, then by span id", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#root  api  0..100
      ├ db#b     api  10..20
      ├ db#a     api  10..20
      └ db#c     api  10..15
    `),
    );
    expect(outline(trace)).toBe("root\n  c\n  a\n  b");
  });

  it("flags a span without a stop and measures it until the last timestamp its subtree proves", () => {
    // wsgi 0..100
    // └ rpc 10..?           <- stop lost
    //   ├ db 20..30
    //   └ db 40..55
    // db 60..?              <- a lone leaf: zero-length at its start, but flagged
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w    api   0..100
      └ rpc#r   api   10..?
        ├ db#a  api   20..30
        └ db#b  api   40..55
      db#lone   api   60..?
    `),
    );
    const r = findSpanIndex(trace, "r"),
      lone = findSpanIndex(trace, "lone");
    expect(flagsOf(trace, "r") & SpanFlag.UNFINISHED).toBeTruthy();
    expect(flagsOf(trace, "w") & SpanFlag.UNFINISHED).toBe(0);
    expect([trace.startUs[r]! - T0, trace.stopUs[r]! - T0]).toEqual([10, 55]);
    // Drawn open-ended: until the parent's end, or the trace's end for a root.
    expect([trace.displayStartUs[r]! - T0, trace.displayStopUs[r]! - T0]).toEqual([10, 100]);
    expect([trace.startUs[lone]! - T0, trace.stopUs[lone]! - T0]).toEqual([60, 60]);
    expect(trace.displayStopUs[lone]! - T0).toBe(100);
    expect(readSpan(trace, r)).toMatchObject({ startUs: T0 + 10, stopUs: null, unfinished: true, noStart: false });
  });

  it("flags a span without a start and measures it from the first timestamp its subtree proves", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w    api   0..100
      └ rpc#r   api   ?..80
        └ db#a  api   25..30
    `),
    );
    const r = findSpanIndex(trace, "r");
    expect(flagsOf(trace, "r")).toBe(SpanFlag.NO_START);
    expect([trace.startUs[r]! - T0, trace.stopUs[r]! - T0]).toEqual([25, 80]);
    expect([trace.displayStartUs[r]! - T0, trace.displayStopUs[r]! - T0]).toEqual([0, 80]);
    expect(readSpan(trace, r)).toMatchObject({ startUs: null, stopUs: T0 + 80, noStart: true });
  });

  it("places a span with neither timestamp at its parent's start, flagged both ways", () => {
    const spans = spansFromDrawing(`
      wsgi#w   api   0..100
      └ rpc#r  api   30..40
    `);
    spans.push({ ...spans[1]!, spanId: "ghost", parentId: "r", startUs: null, stopUs: null, startPayload: null, stopPayload: null });
    const trace = buildTrace(spans);
    const g = findSpanIndex(trace, "ghost");
    expect(trace.flags[g]! & (SpanFlag.NO_START | SpanFlag.UNFINISHED)).toBe(SpanFlag.NO_START | SpanFlag.UNFINISHED);
    expect([trace.startUs[g]! - T0, trace.stopUs[g]! - T0]).toEqual([30, 30]);
    expect([trace.displayStartUs[g]! - T0, trace.displayStopUs[g]! - T0]).toEqual([30, 40]);
  });

  it("makes a span whose parent is not in the trace an orphan root, and keeps the parent id it arrived with", () => {
    // wsgi#w              (parent = the trace: a root, not an orphan)
    // db#o  parent=gone   (parent never arrived: an orphan root)
    //   └ db#c            (an orphan's child stays under it)
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w   api  0..100
      db#o     api  10..20   parent=gone
      └ db#c   api  12..18
    `),
    );
    expect(outline(trace)).toBe("w\no\n  c");
    expect(flagsOf(trace, "w") & SpanFlag.ORPHAN).toBe(0);
    expect(flagsOf(trace, "o") & SpanFlag.ORPHAN).toBeTruthy();
    expect(flagsOf(trace, "c") & SpanFlag.ORPHAN).toBe(0);
    expect(readParentId(trace, findSpanIndex(trace, "o"))).toBe("gone");
    expect(readParentId(trace, findSpanIndex(trace, "c"))).toBe("o");
    expect(readParentId(trace, findSpanIndex(trace, "w"))).toBe(DRAWN_TRACE_ID);
  });

  it("cuts a parent cycle at its earliest span, loses no span, and keeps what hangs off the cycle", () => {
    //   a -> b -> c -> a  (a cycle: a's parent is c)     x's parent is b
    //   s -> s            (a self-parent)
    const trace = buildTrace(
      spansFromDrawing(`
      rpc#b   api  20..30   parent=a
      rpc#a   api  10..40   parent=c
      rpc#c   api  25..28   parent=b
      db#x    api  21..22   parent=b
      db#s    api  50..60   parent=s
      wsgi#w  api  0..100
    `),
    );
    expect(trace.size).toBe(6);
    expect(outline(trace)).toBe(["w", "a", "  b", "    x", "    c", "s"].join("\n"));
    expect(flagsOf(trace, "a") & SpanFlag.CYCLE).toBeTruthy();
    expect(flagsOf(trace, "s") & SpanFlag.CYCLE).toBeTruthy();
    expect(flagsOf(trace, "b") & SpanFlag.CYCLE).toBe(0);
    expect(readParentId(trace, findSpanIndex(trace, "a"))).toBe("c");
    expect(readParentId(trace, findSpanIndex(trace, "s"))).toBe("s");
  });

  it("keeps one span per id when an id is given twice", () => {
    const spans = spansFromDrawing(`
      wsgi#w  api  0..100
      └ db#d  api  10..20
    `);
    const trace = buildTrace([...spans, { ...spans[1]!, startUs: T0 + 50 }]);
    expect(trace.size).toBe(2);
    expect(trace.startUs[1]! - T0).toBe(10);
  });

  it("interns names, services, projects and hosts, and reads error and detail back", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w  nova-api  0..100   path="POST /v2.1/servers"
      ├ db#a  nova-api  10..20   sql="SELECT 1"
      └ db#b  nova-api  30..40   sql="SELECT 1" err=OperationalError msg="database is locked"
    `),
    );
    expect(trace.strings.filter((s) => s === "SELECT 1")).toHaveLength(1);
    expect(trace.detail[1]).toBe(trace.detail[2]);
    expect(readSpan(trace, 2)).toMatchObject({
      name: "db",
      service: "nova-api",
      project: "nova",
      host: "node-1",
      detail: "SELECT 1",
      error: { type: "OperationalError", message: "database is locked" },
    });
    expect(trace.flags[2]! & SpanFlag.ERROR).toBeTruthy();
    expect(readSpan(trace, 0).detail).toBe("POST /v2.1/servers");
  });

  it("builds an empty trace", () => {
    const trace = buildTrace([], "T");
    expect(trace).toMatchObject({ size: 0, startedUs: 0, finishedUs: 0 });
  });

  it("builds a 100k-deep chain and a 100k-wide fan-out without recursion", () => {
    const n = 100_000;
    const chain: Span[] = [];
    for (let i = 0; i < n; i++) chain.push(span(`c${i}`, i === 0 ? "T" : `c${i - 1}`, i, 2 * n - i));
    const deep = buildTrace(chain.reverse());
    expect(deep.depth[n - 1]).toBe(n - 1);
    expect(deep.spanId[n - 1]).toBe(`c${n - 1}`);
    expect(deep.subtreeEnd[0]).toBe(n);

    const fan: Span[] = [span("root", "T", 0, 10 * n)];
    for (let i = 1; i < n; i++) fan.push(span(`f${i}`, "root", 10 * (n - i), 10 * (n - i) + 5));
    const wide = buildTrace(fan);
    expect(wide.depth[n - 1]).toBe(1);
    expect(wide.spanId[1]).toBe(`f${n - 1}`);
    expect(wide.spanId[n - 1]).toBe("f1");

    // A cycle through the whole chain is cut once, still without recursion.
    const ring = chain.map((s, i) => (i === chain.length - 1 ? { ...s, parentId: chain[0]!.spanId } : s));
    const cut = buildTrace(ring);
    expect(cut.size).toBe(n);
    expect(Array.from(cut.flags).filter((f) => f & SpanFlag.CYCLE)).toHaveLength(1);
  });
});

function span(spanId: string, parentId: string, start: number, stop: number): Span {
  return {
    traceId: "T",
    spanId,
    parentId,
    name: "rpc",
    project: "nova",
    service: "api",
    host: "h",
    startUs: T0 + start,
    stopUs: T0 + stop,
    error: null,
    detail: null,
    startPayload: null,
    stopPayload: null,
  };
}
