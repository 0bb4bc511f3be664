import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { explainTrace, type TraceFinding } from "./explainTrace";
import { labelCall, labelService, shortenSql } from "./labelCall";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import type { Trace } from "./types";

// A boot of three VMs: the API answers at 33 ms; conductor schedules, then casts to three
// computes in parallel; each downloads the image from glance and spawns. cmp-3 finishes last.
const boot = buildTrace(
  spansFromDrawing(`
  wsgi#api              osapi_compute   0..33000         path="POST /v2.1/servers"
  └ compute_api#create  osapi_compute   1000..32000      fn=nova.compute.api.API.create
    ├ db#q1             osapi_compute   2000..3000       sql="SELECT * FROM flavors WHERE flavorid = '3'"
    └ rpc#cast          osapi_compute   30000..30400     fn=nova.conductor.rpcapi.ComputeTaskAPI.schedule_and_build_instances
      └ rpc#cond        nova-conductor  31000..690000    fn=nova.conductor.manager.ComputeTaskManager.schedule_and_build_instances host=ctl-2
        ├ rpc#sel       nova-conductor  40000..150000    fn=nova.scheduler.rpcapi.SchedulerAPI.select_destinations host=ctl-2
        ├ rpc#b1        nova-conductor  680000..681000   fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance host=ctl-2
        │ └ rpc#w1      nova-compute    690000..3000000  fn=nova.compute.manager.ComputeManager.build_and_run_instance host=cmp-1
        │   ├ wsgi#i1   api             700000..2400000  project=glance path="GET /v2/images/6d2c4f1e-5a3b-4c2d-9e8f-0a1b2c3d4e5f/file"
        │   └ driver#s1 nova-compute    2400000..2990000 fn=nova.virt.libvirt.driver.LibvirtDriver.spawn host=cmp-1
        ├ rpc#b2        nova-conductor  682000..683000   fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance host=ctl-2
        │ └ rpc#w2      nova-compute    695000..5000000  fn=nova.compute.manager.ComputeManager.build_and_run_instance host=cmp-2
        │   ├ wsgi#i2   api             700000..3100000  project=glance path="GET /v2/images/6d2c4f1e-5a3b-4c2d-9e8f-0a1b2c3d4e5f/file"
        │   └ driver#s2 nova-compute    3100000..4990000 fn=nova.virt.libvirt.driver.LibvirtDriver.spawn host=cmp-2
        └ rpc#b3        nova-conductor  684000..685000   fn=nova.compute.rpcapi.ComputeAPI.build_and_run_instance host=ctl-2
          └ rpc#w3      nova-compute    1300000..10600000 fn=nova.compute.manager.ComputeManager.build_and_run_instance host=cmp-3
            ├ wsgi#i3   api             1310000..3500000 project=glance path="GET /v2/images/6d2c4f1e-5a3b-4c2d-9e8f-0a1b2c3d4e5f/file"
            └ driver#s3 nova-compute    3500000..10500000 fn=nova.virt.libvirt.driver.LibvirtDriver.spawn host=cmp-3 err=RescheduledException
`),
);

const ids = (trace: Trace, spans: number[]) => spans.map((i) => trace.spanId[i]);
const kinds = (findings: TraceFinding[]) => findings.map((f) => f.kind);

describe("explainTrace on an asynchronous boot", () => {
  const findings = explainTrace(boot);

  it("ranks: the API's answer against the work, the services the time went to, the error, the untraced wait", () => {
    expect(kinds(findings)).toEqual(["answer", "service", "service", "errors", "untraced"]);
  });

  it("says the API answered in 33 ms while the work went on for 10.6 s", () => {
    expect(findings[0]).toMatchObject({ kind: "answer", answeredUs: 33_000, workUs: 10_600_000 });
    expect(ids(boot, [findings[0]!.focus])).toEqual(["api"]);
  });

  it("names nova-compute first, with the spawns of all three VMs and their range, focused on the one on the path", () => {
    const compute = findings[1]!;
    expect(compute).toMatchObject({ kind: "service", project: "nova", service: "nova-compute" });
    if (compute.kind !== "service") throw new Error("unreachable");
    expect(compute.share).toBeGreaterThan(0.6);
    expect(compute.calls[0]).toMatchObject({ label: "LibvirtDriver.spawn", count: 3, minUs: 590_000, maxUs: 7_000_000 });
    expect(ids(boot, compute.spans)).toEqual(expect.arrayContaining(["s1", "s2", "s3"]));
    expect(ids(boot, [compute.focus])).toEqual(["s3"]);
  });

  it("names glance's image downloads with ids folded", () => {
    const glance = findings[2]!;
    if (glance.kind !== "service") throw new Error(`expected a service finding, got ${glance.kind}`);
    expect(glance).toMatchObject({ project: "glance", service: "api" });
    expect(glance.calls[0]).toMatchObject({ label: "GET /v2/images/{id}/file", count: 3, minUs: 1_700_000, maxUs: 2_400_000 });
  });

  it("names the longest wait no span covers, between the cast and the compute that served it", () => {
    const untraced = findings[4]!;
    if (untraced.kind !== "untraced") throw new Error("unreachable");
    expect(untraced.longest.toUs - untraced.longest.fromUs).toBe(615_000);
    expect(ids(boot, [untraced.longest.before, untraced.longest.after])).toEqual(["b3", "w3"]);
    expect(ids(boot, [untraced.focus])).toEqual(["w3"]);
  });

  it("points at the span that raised", () => {
    expect(ids(boot, findings[3]!.spans)).toEqual(["s3"]);
  });

  it("keeps at most `limit` findings, the answer first", () => {
    expect(kinds(explainTrace(boot, { limit: 2 }))).toEqual(["answer", "service"]);
  });
});

describe("explainTrace on other shapes", () => {
  it("says nothing of an answer when the request did all its work before answering", () => {
    const sync = buildTrace(
      spansFromDrawing(`
      wsgi#w   api  0..1000   path="GET /v2.1/servers"
      └ db#d   api  100..900  sql="SELECT * FROM instances"
    `),
    );
    const findings = explainTrace(sync);
    expect(kinds(findings)).toEqual(["service", "sql"]);
    expect(findings[1]).toMatchObject({ kind: "sql", count: 1, criticalUs: 800, nPlusOne: null });
  });

  it("names an N+1 even when the database was quick", () => {
    const lines = Array.from(
      { length: 20 },
      (_, k) => `├ db#q${k} api ${100 + k * 10}..${105 + k * 10} sql="SELECT * FROM instance_extra WHERE instance_uuid = '${k}'"`,
    );
    const trace = buildTrace(spansFromDrawing(['wsgi#w api 0..100000 path="GET /v2.1/servers/detail"', ...lines].join("\n")));
    const sql = explainTrace(trace).find((f) => f.kind === "sql");
    expect(sql).toMatchObject({ count: 20, nPlusOne: { statement: expect.stringContaining("instance_extra"), count: 20, parent: 0 } });
    expect(sql!.spans).toHaveLength(20);
  });

  it("says where an unfinished request stopped: the last span that started", () => {
    const hung = buildTrace(
      spansFromDrawing(`
      wsgi#w     api   0..?
      ├ rpc#a    api   10..20
      └ rpc#b    api   30..?
    `),
    );
    const unfinished = explainTrace(hung).find((f) => f.kind === "unfinished");
    expect(unfinished).toMatchObject({ count: 2 });
    expect(ids(hung, [unfinished!.focus])).toEqual(["b"]);
  });

  it("does not call clock skew a wait: a callee on a host whose clock is behind leaves no untraced finding", () => {
    // d (node-3) seems to end 60 µs before r, its caller on node-2, began: 15% of the trace on
    // no span, all of it the clocks disagreeing.
    const skewed = buildTrace(
      spansFromDrawing(`
      wsgi#w     api   100..500   path="GET /x"
      └ rpc#r    cond  200..300   host=node-2
        └ db#d   cond  120..140   host=node-3
    `),
    );
    expect(kinds(explainTrace(skewed))).not.toContain("untraced");
  });

  it("is empty for an empty or instantaneous trace", () => {
    expect(explainTrace(buildTrace([], "T"))).toEqual([]);
    expect(explainTrace(buildTrace(spansFromDrawing("rpc#r api 5..5")))).toEqual([]);
  });
});

describe("labelCall", () => {
  it("shortens functions, folds ids in requests, and gives SQL its verb and table", () => {
    expect(ids(boot, [0])).toEqual(["api"]);
    const label = (id: string) => labelCall(boot, boot.spanId.indexOf(id));
    expect(label("s1")).toBe("LibvirtDriver.spawn");
    expect(label("i1")).toBe("GET /v2/images/{id}/file");
    expect(label("q1")).toBe("SELECT … FROM flavors");
    expect(shortenSql("insert into instance_extra (…) values (…)")).toBe("INSERT INTO instance_extra");
    expect(shortenSql("update `instances` set vm_state = ?")).toBe("UPDATE instances");
    expect(shortenSql("commit")).toBe("commit");
  });

  it("names services the way people say them", () => {
    expect(labelService("nova", "nova-compute")).toBe("nova-compute");
    expect(labelService("nova", "osapi_compute")).toBe("nova osapi_compute");
    expect(labelService("placement", "placement")).toBe("placement");
  });
});
