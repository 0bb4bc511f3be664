import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { describeSpanTiming } from "./describeSpanTiming";

describe("describeSpanTiming", () => {
  // A server create: the API casts to the conductor (30..31) and answers at 33; the conductor's
  // server side starts 9 µs after the cast returned and runs on; cmp-1's clock is behind, so
  // its build seems to start before the conductor's cast to it.
  //
  //   api    |=================================|                     0..33
  //   cast                              |=|                           30..31
  //   cond                                       |==============|     40..700
  //   bcast                                          |=|              680..682
  //   build (cmp-1)                                 |====...=====|   675..10600
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#api          nova-api   0..33       path="POST /v2.1/servers"
    └ rpc#cast        nova-api   30..31      fn=nova.conductor.rpcapi.ComputeTaskAPI.schedule_and_build_instances
      └ rpc#cond      conductor  40..700     fn=nova.conductor.manager.ComputeTaskManager.schedule_and_build_instances host=ctl-2
        └ rpc#bcast   conductor  680..682    fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance host=ctl-2
          └ rpc#build compute    675..10600  fn=nova.compute.manager.ComputeManager.build_and_run_instance host=cmp-1
  `),
  );
  const at = (id: string) => describeSpanTiming(trace, trace.spanId.indexOf(id));

  it("says how long a cast's server side waited after its caller returned, and how long the work under a span went on", () => {
    expect(at("cond")).toEqual([
      "Began 9\u00a0µs after its caller ComputeTaskAPI.schedule_and_build_instances returned: an RPC cast or spawned work, waiting that long in a queue or a thread pool.",
      "What it started went on for 9.9\u00a0ms after it returned, until +10.6\u00a0ms.",
    ]);
    expect(at("cast")).toEqual(["What it started went on for 10.6\u00a0ms after it returned, until +10.6\u00a0ms."]);
  });

  it("says when a callee outlived its caller, and calls a start before the caller on another host clock skew", () => {
    expect(at("build")).toEqual([
      "Ended 9.92\u00a0ms after its caller ComputeAPI.build_and_run_instance returned: it outlived its caller.",
      "Seems to start 5\u00a0µs before its caller ComputeAPI.build_and_run_instance: the clocks of cmp-1 and ctl-2 differ (see the header).",
    ]);
  });

  it("says nothing of a span that ran inside its caller with nothing after it", () => {
    const plain = buildTrace(spansFromDrawing("wsgi#w api 0..100\n└ db#d api 10..20"));
    expect(describeSpanTiming(plain, 1)).toEqual([]);
    expect(describeSpanTiming(plain, 0)).toEqual([]);
    // A stop before its start is the span's own clock trouble, not work that went on after it.
    expect(describeSpanTiming(buildTrace(spansFromDrawing("rpc#r api 100..40")), 0)).toEqual([]);
  });
});
