import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { computeCriticalPath, type CriticalGap, type CriticalPath } from "./computeCriticalPath";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import type { Trace } from "./types";

/** The path as "span from..to" (µs after T0), a gap as "- from..to". */
function describePath(path: CriticalPath): string[] {
  const { trace } = path;
  return Array.from(
    path.segmentSpan,
    (s, k) => `${s < 0 ? "-" : trace.spanId[s]} ${path.segmentFromUs[k]! - T0}..${path.segmentToUs[k]! - T0}`,
  );
}

function byId(trace: Trace, values: Float64Array): Record<string, number> {
  return Object.fromEntries(Array.from(values, (us, i) => [trace.spanId[i]!, us]).filter(([, us]) => us !== 0));
}

function expectSumsToWall(path: CriticalPath): void {
  expect(path.bySpan.reduce((a, b) => a + b, 0) + path.gapUs).toBe(path.wallUs);
  let covered = 0;
  for (let k = 0; k < path.segmentSpan.length; k++) {
    if (k > 0) expect(path.segmentFromUs[k]).toBe(path.segmentToUs[k - 1]); // contiguous, in time order
    covered += path.segmentToUs[k]! - path.segmentFromUs[k]!;
  }
  expect(covered).toBe(path.wallUs);
}

describe("computeCriticalPath on asynchronous traces", () => {
  // A server create, as nova does it: the API answers at 33; the cast to the conductor returns at
  // once (30..31); the conductor asks the scheduler (a call: the client contains the server) and
  // casts to compute, which downloads the image and spawns for seconds.
  const boot = buildTrace(
    spansFromDrawing(`
    wsgi#api             nova-api   0..33       path="POST /v2.1/servers"
    └ compute_api#create nova-api   1..32       fn=nova.compute.api.API.create
      ├ db#q             nova-api   2..5        sql="SELECT 1"
      └ rpc#cast         nova-api   30..31      fn=ComputeTaskAPI.schedule_and_build_instances
        └ rpc#cond       conductor  40..700     fn=ComputeTaskManager.schedule_and_build_instances host=ctl-2
          ├ rpc#sel      conductor  50..150     fn=SchedulerAPI.select_destinations host=ctl-2
          │ └ rpc#sched  scheduler  55..145     fn=SchedulerManager.select_destinations host=ctl-3
          └ rpc#bcast    conductor  680..682    fn=ComputeAPI.build_and_run_instance host=ctl-2
            └ rpc#build  compute    690..10600  fn=ComputeManager.build_and_run_instance host=cmp-1
              ├ wsgi#img glance     700..3000   path="GET /v2/images/x/file" host=ctl-1
              └ driver#spawn compute 3000..10500 fn=LibvirtDriver.spawn host=cmp-1
  `),
  );

  it("follows the casts past the API's answer, through conductor, scheduler and compute, to the end", () => {
    const path = computeCriticalPath(boot);
    expect(describePath(path)).toEqual([
      "api 0..1",
      "create 1..2",
      "q 2..5",
      "create 5..30",
      "cast 30..31",
      "- 31..40",
      "cond 40..50",
      "sel 50..55",
      "sched 55..145",
      "sel 145..150",
      "cond 150..680",
      "bcast 680..682",
      "- 682..690",
      "build 690..700",
      "img 700..3000",
      "spawn 3000..10500",
      "build 10500..10600",
    ]);
    expectSumsToWall(path);
    expect(byId(boot, path.bySpan)).toEqual({
      api: 1,
      create: 26,
      q: 3,
      cast: 1,
      cond: 540,
      sel: 10,
      sched: 90,
      bcast: 2,
      build: 110,
      img: 2300,
      spawn: 7500,
    });
  });

  it("names each wait that no span covers, with where it sits", () => {
    const path = computeCriticalPath(boot);
    const id = (i: number) => (i < 0 ? null : boot.spanId[i]);
    expect(
      path.gaps.map((g) => ({ from: g.fromUs - T0, to: g.toUs - T0, within: id(g.within), before: id(g.before), after: id(g.after) })),
    ).toEqual([
      { from: 31, to: 40, within: "cast", before: "cast", after: "cond" },
      { from: 682, to: 690, within: "bcast", before: "bcast", after: "build" },
    ]);
    expect(path.gapUs).toBe(17);
    expect(path.skewUs).toBe(0);
    expect(path.waitUs).toBe(17);
  });

  it("indexes the segments by span, so a subtree's segments are one range", () => {
    const path = computeCriticalPath(boot);
    const segmentsOf = (from: number, to: number) =>
      Array.from(
        path.bySpanSegments.subarray(path.firstSegment[from]!, path.firstSegment[to]!),
        (k) => `${boot.spanId[path.segmentSpan[k]!]} ${path.segmentFromUs[k]! - T0}`,
      );
    const create = boot.spanId.indexOf("create");
    expect(segmentsOf(create, create + 1)).toEqual(["create 1", "create 5"]);
    const build = boot.spanId.indexOf("build");
    expect(segmentsOf(build, boot.subtreeEnd[build]!)).toEqual(["build 690", "build 10500", "img 700", "spawn 3000"]);
  });

  it("charges a fire-and-forget cast's wait as a gap and its work to the worker, not to the API", () => {
    const path = computeCriticalPath(
      buildTrace(
        spansFromDrawing(`
      wsgi#api    api     0..100
      └ rpc#cast  api     50..51
        └ rpc#work worker 500..900
    `),
      ),
    );
    expect(describePath(path)).toEqual(["api 0..50", "cast 50..51", "- 51..500", "work 500..900"]);
    expectSumsToWall(path);
  });

  it("follows nested casts (a cast served by a span that casts again)", () => {
    const path = computeCriticalPath(
      buildTrace(
        spansFromDrawing(`
      wsgi#api      api   0..10
      └ rpc#c1      api   5..6
        └ rpc#s1    cond  20..30
          └ rpc#c2  cond  25..26
            └ rpc#s2 cmp  40..90
              └ rpc#c3 cmp 80..81
                └ rpc#s3 net 95..120
    `),
      ),
    );
    expect(describePath(path)).toEqual([
      "api 0..5",
      "c1 5..6",
      "- 6..20",
      "s1 20..25",
      "c2 25..26",
      "- 26..40",
      "s2 40..80",
      "c3 80..81",
      "- 81..95",
      "s3 95..120",
    ]);
    expectSumsToWall(path);
  });

  it("follows the branch that finished last when casts fan out, and gives the caster its own time between them", () => {
    // The conductor casts to two computes; the second finishes last. b1 (10..11) is on the path
    // as a call the conductor made before b2, and 11..12 is the conductor's own work.
    const trace = buildTrace(
      spansFromDrawing(`
      rpc#cond   cond  0..100
      ├ rpc#b1   cond  10..11
      │ └ rpc#w1 cmp1  20..500   host=cmp-1
      └ rpc#b2   cond  12..13
        └ rpc#w2 cmp2  25..800   host=cmp-2
    `),
    );
    const path = computeCriticalPath(trace);
    expect(describePath(path)).toEqual(["cond 0..10", "b1 10..11", "cond 11..12", "b2 12..13", "- 13..25", "w2 25..800"]);
    expectSumsToWall(path);
  });

  it("gives a caster that went on working its own time, not the work an earlier cast started", () => {
    // The conductor casts a build to cmp-1 at 10, works on its own until 60, then casts the build
    // that finishes last. While it ran, it waited on neither build: 11..60 is its own time, not
    // w1's (which only ran beside it) nor a queue wait before w1.
    //
    //   cond  |==================================================|          0..100
    //   b1       |-|                                                      10..11
    //   w1          .........|=========================...===|             20..500 (cmp-1)
    //   b2                                            |-|                 60..61
    //   w2                                                 ..|=====...==| 70..800 (cmp-2)
    const trace = buildTrace(
      spansFromDrawing(`
      rpc#cond   cond  0..100
      ├ rpc#b1   cond  10..11
      │ └ rpc#w1 cmp1  20..500   host=cmp-1
      ├ db#q     cond  30..40
      └ rpc#b2   cond  60..61
        └ rpc#w2 cmp2  70..800   host=cmp-2
    `),
    );
    const path = computeCriticalPath(trace);
    expect(describePath(path)).toEqual([
      "cond 0..10",
      "b1 10..11",
      "cond 11..30",
      "q 30..40",
      "cond 40..60",
      "b2 60..61",
      "- 61..70",
      "w2 70..800",
    ]);
    expect(path.gaps.map((g) => [g.fromUs - T0, g.toUs - T0])).toEqual([[61, 70]]);
    expectSumsToWall(path);
  });

  it("takes the last-finishing of parallel synchronous children, then what ran before it", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w     api  0..100
      ├ db#a     api  10..60
      ├ db#b     api  20..80
      └ db#c     api  30..40
    `),
    );
    // Back from 100: b finished last; before b began (20), a was running (c ended inside b).
    expect(describePath(computeCriticalPath(trace))).toEqual(["w 0..10", "a 10..20", "b 20..80", "w 80..100"]);
  });

  it("names the time between a trace's root requests (the client thinking) a gap", () => {
    const path = computeCriticalPath(
      buildTrace(
        spansFromDrawing(`
      wsgi#token  keystone  0..20
      wsgi#get    api       50..60
      wsgi#post   api       80..100
    `),
      ),
    );
    expect(describePath(path)).toEqual(["token 0..20", "- 20..50", "get 50..60", "- 60..80", "post 80..100"]);
    expect(path.gaps.map((g) => g.within)).toEqual([-1, -1]);
  });

  it("charges a child on a skewed host that starts before its parent, and still sums to the wall time", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w    api   100..500
      └ rpc#r   cond  50..300   host=node-2
        └ db#d  cond  60..70    host=node-2
    `),
    );
    const path = computeCriticalPath(trace);
    expect(describePath(path)).toEqual(["r 50..60", "d 60..70", "r 70..300", "w 300..500"]);
    expectSumsToWall(path);
  });

  it("calls the time before a span's own start, when its callee on another host seems to start earlier, clock skew and not a wait", () => {
    // node-3's clock is behind: d seems to run before r, its caller, began. 140..150 is on no
    // span, but nothing waited then: it is the two clocks disagreeing.
    //
    //   w  api     |====================================|  100..500
    //   r  node-2        |==============|                  150..300
    //   d  node-3    |=|                                   120..140
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w     api   100..500
      └ rpc#r    cond  150..300   host=node-2
        └ db#d   cond  120..140   host=node-3
    `),
    );
    const path = computeCriticalPath(trace);
    expect(describePath(path)).toEqual(["w 100..120", "d 120..140", "- 140..150", "r 150..300", "w 300..500"]);
    const id = (i: number) => (i < 0 ? null : trace.spanId[i]);
    expect(path.gaps.map((g) => ({ from: g.fromUs - T0, to: g.toUs - T0, within: id(g.within), skew: g.skew }))).toEqual([
      { from: 140, to: 150, within: "r", skew: true },
    ]);
    expect([path.gapUs, path.skewUs, path.waitUs]).toEqual([10, 10, 0]);
    expectSumsToWall(path);
  });

  it("gives the waits apart from the skew: the gaps that are not clock skew, one figure for the findings and the breakdowns", () => {
    // The skew gap of the test above, and a cast whose server side began 80 µs after it returned.
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w     api   100..500
      ├ rpc#r    cond  150..300   host=node-2
      │ └ db#d   cond  120..140   host=node-3
      └ rpc#c    api   310..320
        └ rpc#k  cond  400..600
    `),
    );
    const path = computeCriticalPath(trace);
    const sum = (gaps: CriticalGap[]) => gaps.reduce((us, g) => us + g.toUs - g.fromUs, 0);
    expect([path.skewUs, path.waitUs]).toEqual([sum(path.gaps.filter((g) => g.skew)), sum(path.gaps.filter((g) => !g.skew))]);
    expect([path.skewUs, path.waitUs]).toEqual([10, 80]);
    expect(path.skewUs + path.waitUs).toBe(path.gapUs);
  });

  it("uses what a span without a stop proves, and handles a trace of one span and an empty trace", () => {
    const unfinished = computeCriticalPath(
      buildTrace(
        spansFromDrawing(`
      wsgi#w    api  0..?
      └ rpc#r   api  10..50
    `),
      ),
    );
    expect(describePath(unfinished)).toEqual(["w 0..10", "r 10..50"]);
    expect(describePath(computeCriticalPath(buildTrace(spansFromDrawing("rpc#r api 5..5"))))).toEqual([]);
    const empty = computeCriticalPath(buildTrace([], "T"));
    expect(empty).toMatchObject({ wallUs: 0, gapUs: 0, gaps: [] });
    expect(empty.segmentSpan).toHaveLength(0);
  });

  it("is computed once per trace", () => {
    expect(computeCriticalPath(boot)).toBe(computeCriticalPath(boot));
  });
});
