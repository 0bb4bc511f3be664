import { describe, expect, it } from "vitest";
import { buildTrace, explainTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { describeFinding } from "./describeFinding";

describe("describeFinding", () => {
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#api           osapi_compute   0..33000          path="POST /v2.1/servers"
    └ rpc#cast         osapi_compute   30000..30400      fn=nova.conductor.rpcapi.ComputeTaskAPI.schedule_and_build_instances
      └ rpc#cond       nova-conductor  1000000..1690000  fn=nova.conductor.manager.ComputeTaskManager.schedule_and_build_instances
        ├ db#q1        nova-conductor  1001000..1002000  sql="SELECT * FROM instance_extra WHERE uuid = '1'"
        ├ db#q2        nova-conductor  1003000..1004000  sql="SELECT * FROM instance_extra WHERE uuid = '2'"
        ├ db#q3        nova-conductor  1005000..1006000  sql="SELECT * FROM instance_extra WHERE uuid = '3'"
        └ rpc#b        nova-conductor  1680000..1681000  fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance
          └ rpc#w      nova-compute    1690000..10600000 fn=nova.compute.manager.ComputeManager.build_and_run_instance
            └ driver#s nova-compute    1700000..10500000 fn=nova.virt.libvirt.driver.LibvirtDriver.spawn err=RescheduledException msg="retry"
  `),
  );
  const sentences = explainTrace(trace).map((f) => describeFinding(trace, f));

  it("says what an operator asks first, in order", () => {
    expect(sentences).toEqual([
      "nova osapi_compute answered in 33\u00a0ms; the work it started went on for 10.6\u00a0s.",
      "84% of the 10.6\u00a0s is nova-compute: LibvirtDriver.spawn (8.8\u00a0s).",
      "LibvirtDriver.spawn (nova-compute) raised RescheduledException.",
      "9% (979\u00a0ms) is waiting on something not traced (longest of 2: 970\u00a0ms) between ComputeTaskAPI.schedule_and_build_instances (nova osapi_compute) and ComputeTaskManager.schedule_and_build_instances (nova-conductor): a queue, a thread pool or code without a tracepoint.",
      "SQL: 3 statements, 3\u00a0ms in all, <1% of the end-to-end time; N+1: SELECT … FROM instance_extra 3 times under ComputeTaskManager.schedule_and_build_instances (nova-conductor).",
    ]);
  });

  it("says 'at least' when part of the work never finished: a build still running, or its stop lost", () => {
    // The compute build started at 690 ms and has no stop yet: 700 ms is what is known so far.
    const running = buildTrace(
      spansFromDrawing(`
      wsgi#api          nova-api   0..33000         path="POST /v2.1/servers"
      └ rpc#cast        nova-api   30000..31000
        └ rpc#cond      conductor  40000..700000
          └ rpc#bcast   conductor  680000..682000
            └ rpc#build compute    690000..?
              └ driver#spawn compute 700000..?
    `),
    );
    expect(describeFinding(running, explainTrace(running)[0]!)).toBe(
      "nova-api answered in 33\u00a0ms; the work it started went on for at least 700\u00a0ms: part of it never finished (still running, or its end was lost).",
    );
  });

  it("counts a call's own time on the path where it waited on another service", () => {
    const spawn = buildTrace(
      spansFromDrawing(`
      wsgi#api     osapi_compute  0..30000           path="POST /v2.1/servers"
      └ rpc#w      nova-compute   40000..10700000   fn=nova.compute.manager.ComputeManager.build_and_run_instance
        └ driver#s nova-compute   50000..10650000   fn=nova.virt.libvirt.driver.LibvirtDriver.spawn
          └ wsgi#g glance-api     1000000..5670000  path="GET /v2/images/1/file"
    `),
    );
    const sentences = explainTrace(spawn).map((f) => describeFinding(spawn, f));
    // spawn lasted 10.6 s, of which 4.67 s were glance's: its share is the rest, and says so.
    expect(sentences).toContain("56% of the 10.7\u00a0s is nova-compute: LibvirtDriver.spawn (5.93\u00a0s of its 10.6\u00a0s).");
    expect(sentences).toContain("44% of the 10.7\u00a0s is nova glance-api: GET /v2/images/{id}/file (4.67\u00a0s).");
  });

  it("says how much of the path repeated calls carry when they overlap, as a Heat stack's nested levels do", () => {
    // Each level of the stack writes a row and calls the next: the three create_stack calls last
    // 98, 78 and 58 ms, and carry 68 ms of the 100 ms path between them, the statements 30 ms.
    const nested = buildTrace(
      spansFromDrawing(`
      wsgi#api        heat-api     0..2000         path="POST /v1/t/stacks" project=heat
      └ rpc#cast      heat-api     1000..1500      fn=heat.rpc.client.EngineClient.create_stack project=heat
        └ rpc#s1      heat-engine  2000..100000    fn=heat.engine.service.EngineService.create_stack project=heat
          ├ db#q1     heat-engine  2000..12000     sql="INSERT INTO stack (id) VALUES (1)" project=heat
          └ rpc#s2    heat-engine  22000..100000   fn=heat.engine.service.EngineService.create_stack project=heat
            ├ db#q2   heat-engine  22000..32000    sql="INSERT INTO stack (id) VALUES (2)" project=heat
            └ rpc#s3  heat-engine  42000..100000   fn=heat.engine.service.EngineService.create_stack project=heat
              └ db#q3 heat-engine  42000..52000    sql="INSERT INTO stack (id) VALUES (3)" project=heat
    `),
    );
    const sentences = explainTrace(nested).map((f) => describeFinding(nested, f));
    expect(sentences[1]).toBe(
      "98% of the 100\u00a0ms is heat-engine: 3 × EngineService.create_stack (68\u00a0ms of the path; 58\u00a0ms–98\u00a0ms each) and 3 × INSERT INTO stack (10\u00a0ms).",
    );
    // Calls one after another carry their whole time on the path: said as before (the three
    // statements of 10 ms each).
  });

  it("clips the texts from the wire it quotes: a 70K-character function, a 200K-character exception type", () => {
    const long = buildTrace(
      spansFromDrawing(`
      wsgi#api   osapi_compute  0..1000   path="GET /v2.1/servers"
      └ driver#s nova-compute   100..900  fn=nova.virt.${"F".repeat(70_000)} err=${"E".repeat(200_000)} msg="m"
    `),
    );
    const all = explainTrace(long).map((f) => describeFinding(long, f));
    expect(all.find((s) => s.includes(" raised "))).toMatch(/^virt\.F{195}… \(nova-compute\) raised E{200}…\.$/);
    for (const s of all) expect(s.length).toBeLessThan(1000);
  });
});
