import { describe, expect, it } from "vitest";
import { createRandom } from "./createRandom";
import { createTraceBuilder } from "./createTraceBuilder";
import type { ServiceProcess } from "./types";

const api: ServiceProcess = {
  project: "nova",
  service: "osapi_compute",
  host: "controller-0",
  publisherId: "controller-0",
  exchange: "nova",
  context: {},
};
const conductor: ServiceProcess = { ...api, service: "nova-conductor", host: "controller-1", publisherId: "controller-1" };
const TRACE = "11111111-2222-4333-8444-555555555555";

describe("createTraceBuilder", () => {
  it("nests calls like OSprofiler's stack, with the cast's work running past its caller", () => {
    //   wsgi (api)                   [==============]
    //   ├─ db (api)                     [==]
    //   └─ rpc (api, client)                 [===]
    //      └─ rpc (conductor, async)            [======================]
    //         └─ db (conductor)                    [==]
    const b = createTraceBuilder(createRandom(1), TRACE, 1_000_000);
    const wsgi = b.start(api, "wsgi", { request: { path: "/v2.1/servers", query: "", method: "POST", scheme: "http" } });
    b.start(api, "db", { db: { statement: "SELECT 1", params: {} } });
    b.elapse(300);
    const db = b.stop();
    const client = b.start(api, "rpc", { function: { name: "ComputeTaskAPI.schedule_and_build_instances", args: "()", kwargs: "{}" } });
    b.fork(5_000, () => {
      b.start(conductor, "rpc", { function: { name: "ComputeTaskManager.schedule_and_build_instances", args: "()", kwargs: "{}" } });
      b.start(conductor, "db", { db: { statement: "INSERT INTO instances ...", params: {} } });
      b.elapse(400);
      b.stop();
      b.elapse(2_000_000);
      b.stop();
    });
    b.stop();
    b.elapse(1_000);
    b.stop();

    const [, , , server, innerDb] = b.spans;
    expect(b.spans.map((s) => [s.name, s.process.service, s.parentId])).toEqual([
      ["wsgi", "osapi_compute", TRACE],
      ["db", "osapi_compute", wsgi.spanId],
      ["rpc", "osapi_compute", wsgi.spanId],
      ["rpc", "nova-conductor", client.spanId],
      ["db", "nova-conductor", server!.spanId],
    ]);
    expect(b.spans.map((s) => s.async)).toEqual([false, false, false, true, false]);
    // Children inside their parents, the forked work excepted: it outlives the whole request.
    expect(db.startUs).toBeGreaterThan(wsgi.startUs);
    expect(db.stopUs - db.startUs).toBeGreaterThanOrEqual(300);
    expect(client.startUs).toBeGreaterThan(db.stopUs);
    expect(client.stopUs).toBeLessThan(wsgi.stopUs);
    expect(server!.startUs).toBeGreaterThanOrEqual(client.startUs + 5_000);
    expect(server!.stopUs).toBeGreaterThan(wsgi.stopUs + 1_000_000);
    expect(innerDb!.startUs).toBeGreaterThan(server!.startUs);
    expect(innerDb!.stopUs).toBeLessThan(server!.stopUs);
    expect(b.lastStopUs()).toBe(server!.stopUs);
    expect(b.depth()).toBe(0);
  });

  it("refuses to stop more calls than were started, and forks that leave calls open", () => {
    const b = createTraceBuilder(createRandom(2), TRACE, 0);
    expect(() => b.stop()).toThrow(/without a matching start/);
    b.start(api, "wsgi", {});
    expect(() => b.fork(10, () => b.stop())).toThrow(/without a matching start/);
    const c = createTraceBuilder(createRandom(2), TRACE, 0);
    c.start(api, "wsgi", {});
    expect(() => c.fork(10, () => void c.start(api, "db", {}))).toThrow(/close every call/);
  });

  it("stops with the info it is given, or none", () => {
    const b = createTraceBuilder(createRandom(3), TRACE, 0);
    b.start(api, "compute_api", {});
    const failed = b.stop({ etype: "nova.exception.NoValidHost", message: "No valid host was found." });
    b.start(api, "compute_api", {});
    const plain = b.stop();
    expect(failed.stopInfo).toEqual({ etype: "nova.exception.NoValidHost", message: "No valid host was found." });
    expect(plain.stopInfo).toBeNull();
  });
});
