import { describe, expect, it } from "vitest";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { AlignClass, alignTraces, type TraceAlignment } from "./alignTraces";
import { buildTrace } from "./buildTrace";
import { createTraceView } from "./createTraceView";

const CLASS_NAMES = ["same", "faster", "slower", "missing", "new"];

/** The alignment as text: one line per row, indented, "A-id|B-id class own:a->b". */
function show(al: TraceAlignment): string[] {
  const { merged } = al;
  return Array.from({ length: al.size }, (_, r) => {
    const side = (t: typeof al.a, i: number) => (i < 0 ? "-" : t.spanId[i]);
    const who = al.group[r] ? `group(${al.aCount[r]}|${al.bCount[r]})` : `${side(al.a, al.aSpan[r]!)}|${side(al.b, al.bSpan[r]!)}`;
    return `${"  ".repeat(merged.depth[r]!)}${who} ${CLASS_NAMES[al.ownClass[r]!]}`;
  });
}

function align(a: string, b: string) {
  return alignTraces(buildTrace(spansFromDrawing(a)), buildTrace(spansFromDrawing(b)));
}

describe("alignTraces", () => {
  it("aligns by service and call path and classifies each row", () => {
    const al = align(
      `
      wsgi#w    nova-api  0..10000          path="POST /v2.1/servers"
      ├ db#q    nova-api  100..300          sql="SELECT * FROM quotas WHERE id = 1"
      ├ rpc#r   nova-api  400..5000         fn=nova.conductor.api.build
      │ └ rpc#s nova-scheduler 500..4000    fn=nova.scheduler.select
      └ rpc#old nova-api  5000..6000        fn=nova.network.allocate
      `,
      `
      wsgi#W    nova-api  0..20000          path="POST /v2.1/servers"
      ├ db#Q    nova-api  100..350          sql="SELECT * FROM quotas WHERE id = 7"
      ├ rpc#R   nova-api  400..1000         fn=nova.conductor.api.build
      │ └ rpc#S nova-scheduler 500..900     fn=nova.scheduler.select
      └ rpc#N   nova-api  1000..19000       fn=nova.network.bind
      `,
    );
    expect(show(al)).toEqual([
      "w|W slower",
      "  q|Q same", // ids in the SQL differ, the statement does not; 250 µs against 200 µs is noise
      "  r|R faster",
      "    s|S faster",
      "  -|N new",
      "  old|- missing", // after the last paired call before it in A
    ]);
    expect(al.merged.spanId).toEqual(["W", "Q", "R", "S", "N", "old"]);
    expect(al.aUs[0]).toBe(10000);
    expect(al.bUs[0]).toBe(20000);
    expect(al.aSpans[0]).toBe(5);
    expect(al.bSpans[0]).toBe(5);
  });

  it("pairs repeated calls in order and groups the extras of an N+1 loop", () => {
    const loop = (n: number) =>
      Array.from(
        { length: n },
        (_, k) =>
          `├ db#${k} nova-conductor ${100 + k * 10}..${105 + k * 10} sql="SELECT * FROM instance_extra WHERE instance_uuid = '${k}'"`,
      ).join("\n");
    const al = align(`rpc#r nova-conductor 0..5000 fn=build\n${loop(3)}`, `rpc#R nova-conductor 0..9000 fn=build\n${loop(240)}`);
    expect(show(al).slice(0, 5)).toEqual(["r|R slower", "  0|0 same", "  1|1 same", "  2|2 same", "  group(0|237) new"]);
    // The group's members are its children, each new.
    expect(al.size).toBe(1 + 3 + 1 + 237);
    expect(al.merged.depth[5]).toBe(2);
    expect(al.bUs[4]).toBe(237 * 5);
    expect(Number.isNaN(al.aUs[4]!)).toBe(true);
    expect(al.merged.spanId[4]).toBe("group-3");
    expect(al.bSpans[0]).toBe(241);
    expect(al.aSpans[0]).toBe(4);
  });

  it("leaves a few extras as their own rows, in A's order when only A has them", () => {
    const al = align(
      `
      wsgi#w  api  0..100 path="GET /x"
      ├ db#a1 api  10..20 sql="SELECT a FROM t1"
      ├ db#a2 api  20..30 sql="SELECT b FROM t2"
      ├ db#a3 api  30..40 sql="SELECT b FROM t2"
      └ db#a4 api  40..50 sql="SELECT a FROM t1"
      `,
      `
      wsgi#w  api  0..100 path="GET /x"
      └ db#b1 api  10..20 sql="SELECT a FROM t1"
      `,
    );
    expect(show(al)).toEqual(["w|w same", "  a1|b1 same", "  a2|- missing", "  a3|- missing", "  a4|- missing"]);
    // A trace's ids may recur in the other: the row ids stay unique.
    expect(new Set(al.merged.spanId).size).toBe(al.size);
  });

  it("keeps B's order when the calls swapped places", () => {
    const al = align(
      `
      wsgi#w  api  0..100 path="GET /x"
      ├ rpc#x api  10..20 fn=m.x
      └ rpc#y api  20..30 fn=m.y
      `,
      `
      wsgi#W  api  0..100 path="GET /x"
      ├ rpc#Y api  10..20 fn=m.y
      └ rpc#X api  20..30 fn=m.x
      `,
    );
    expect(show(al)).toEqual(["w|W same", "  y|Y same", "  x|X same"]);
  });

  it("aligns several roots and orphans, and a subtree only in one trace as a whole", () => {
    const al = align(
      `
      wsgi#w  nova-api  0..100 path="GET /servers"
      rpc#o   nova-compute 50..80 fn=m.spawn parent=gone
      `,
      `
      wsgi#W  nova-api  0..100 path="GET /servers"
      ├ rpc#c glance    10..20 fn=m.image
      │ └ db#d glance   11..19 sql="SELECT 1"
      rpc#O   nova-compute 50..9080 fn=m.spawn parent=gone
      `,
    );
    expect(show(al)).toEqual(["w|W same", "  -|c new", "    -|d new", "o|O slower"]);
  });

  it("compares a cast's subtree by its wall time, async tail included", () => {
    const al = align(
      `
      wsgi#w     nova-api      0..1000    path="POST /servers"
      └ rpc#c    nova-api      100..200   fn=cast.build
        └ rpc#s  nova-compute  300..5000  fn=manager.build
      `,
      `
      wsgi#w     nova-api      0..1000    path="POST /servers"
      └ rpc#c    nova-api      100..200   fn=cast.build
        └ rpc#s  nova-compute  300..90000 fn=manager.build
      `,
    );
    // The cast itself took as long in both; what it started ran far longer in B.
    expect(al.ownClass[1]).toBe(AlignClass.SAME);
    expect(al.subtreeClass[1]).toBe(AlignClass.SLOWER);
    expect(al.aSubtreeUs[1]).toBe(4900);
    expect(al.bSubtreeUs[1]).toBe(89900);
    expect(al.subtreeClass[0]).toBe(AlignClass.SLOWER);
  });

  it("gives a trace that the trace page's views, search and collapse work on", () => {
    const loop = (n: number) =>
      Array.from({ length: n }, (_, k) => `├ db#${k} c ${10 + k}..${11 + k} sql="SELECT c${k} FROM t"`).join("\n");
    const al = align(`rpc#r c 0..500 fn=build\n${loop(2)}`, `rpc#r c 0..500 fn=build\n${loop(5)}`);
    const view = createTraceView(al.merged, { hideDb: true });
    expect(view.size).toBe(1);
    const search = createTraceView(al.merged, { search: { text: "c4", regex: false }, onlyMatches: true });
    expect(search.matchCount).toBe(1);
    // Times are after each trace's start.
    expect(al.merged.startedUs).toBe(0);
  });

  it("aligns a trace with itself as all the same, and with an empty one as all missing", () => {
    const spans = spansFromDrawing(`
      wsgi#w api 0..100 path="GET /x"
      └ db#d api 10..20 sql="SELECT 1"
    `);
    const t = buildTrace(spans);
    expect(show(alignTraces(t, t))).toEqual(["w|w same", "  d|d same"]);
    expect(show(alignTraces(t, buildTrace([], "empty")))).toEqual(["w|- missing", "  d|- missing"]);
  });

  it("handles a 20k-deep chain without recursion", () => {
    const depth = 20_000;
    const [template] = spansFromDrawing("rpc#x svc 0..1 fn=f");
    const spans = Array.from({ length: depth }, (_, k) => ({
      ...template!,
      spanId: `s${k}`,
      parentId: k === 0 ? template!.parentId : `s${k - 1}`,
      startUs: template!.startUs! + k,
      stopUs: template!.startUs! + 2 * depth - k,
    }));
    const t = buildTrace(spans);
    const al = alignTraces(t, t);
    expect(al.size).toBe(depth);
    expect(al.merged.depth[depth - 1]).toBe(depth - 1);
  });
});
