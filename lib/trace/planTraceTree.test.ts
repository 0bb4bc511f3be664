import { describe, expect, it } from "vitest";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { planTraceTree } from "./planTraceTree";
import { SpanFlag } from "./types";

/** The drawing's spans as columns (a parent that is not drawn is none), planned; ids in pre-order with depth, times after T0. */
function plan(drawing: string) {
  const spans = spansFromDrawing(drawing);
  const ids = spans.map((s) => s.spanId);
  const parentOf = Int32Array.from(spans, (s) => (s.parentId === s.spanId ? -1 : ids.indexOf(s.parentId)));
  const flagsOf = new Uint8Array(spans.length);
  const receivedStart = Float64Array.from(spans, (s) => s.startUs ?? NaN);
  const receivedStop = Float64Array.from(spans, (s) => s.stopUs ?? NaN);
  const { order, startOf, stopOf } = planTraceTree({
    parentOf,
    flagsOf,
    receivedStart,
    receivedStop,
    compareIds: (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0),
  });
  const depth = (k: number): number => (parentOf[k]! < 0 ? 0 : 1 + depth(parentOf[k]!));
  return {
    rows: Array.from(order, (k) => `${"  ".repeat(depth(k))}${ids[k]} ${startOf[k]! - T0}..${stopOf[k]! - T0}`),
    cut: ids.filter((_, k) => flagsOf[k]! & SpanFlag.CYCLE),
  };
}

describe("planTraceTree", () => {
  it("orders children and roots by start, then stop, then span id", () => {
    expect(
      plan(`
        r#r2   api  50..60
        r#r1   api  0..100
        ├ c#c3 api  30..40
        ├ c#b  api  10..25
        ├ c#a  api  10..25
        └ c#c1 api  10..20
      `).rows,
    ).toEqual(["r1 0..100", "  c1 10..20", "  a 10..25", "  b 10..25", "  c3 30..40", "r2 50..60"]);
  });

  it("infers a missing start or stop from the subtree, else the parent's start, else the trace's first time", () => {
    expect(
      plan(`
        w#w      api  ?..?
        ├ x#x    api  20..?
        │ └ y#y  api  ?..35
        ├ z#z    api  ?..?
        └ v#v    api  5..8
        n#n      api  ?..?    parent=T
      `).rows,
    ).toEqual(["n 5..5", "w 5..35", "  z 5..5", "  v 5..8", "  x 20..35", "    y 35..35"]);
  });

  it("cuts a parent cycle at its member received first and flags it", () => {
    const { rows, cut } = plan(`
      a#a  api  30..40  parent=c
      b#b  api  10..50  parent=a
      c#c  api  20..45  parent=b
    `);
    expect(cut).toEqual(["b"]);
    expect(rows).toEqual(["b 10..50", "  c 20..45", "    a 30..40"]);
    // Received at the same time: the smaller span id is cut.
    expect(plan(`q#q api ?..7 parent=p\np#p api 7..9 parent=q`).cut).toEqual(["p"]);
  });
});
