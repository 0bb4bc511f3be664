import { describe, expect, it } from "vitest";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { alignTraces } from "./alignTraces";
import { buildTrace } from "./buildTrace";
import { summarizeAlignment } from "./summarizeAlignment";

const loop = (n: number, at: number) =>
  Array.from(
    { length: n },
    (_, k) =>
      `│ ├ db#q${k} nova-conductor ${at + k * 10}..${at + k * 10 + 8} sql="SELECT * FROM instance_extra WHERE instance_uuid = 'u${k}'"`,
  ).join("\n");

function boot(spawnUs: number, selects: number): string {
  return `
wsgi#w           nova-api       0..500                    path="POST /v2.1/servers"
├ rpc#c          nova-conductor 100..5000                 fn=nova.conductor.manager.ComputeTaskManager.build_instances
${loop(selects, 200)}
│ └ rpc#x        nova-conductor 4000..4900                fn=nova.conductor.manager.schedule
└ driver#s       nova-compute   6000..${6000 + spawnUs}   fn=nova.virt.libvirt.driver.LibvirtDriver.spawn
`;
}

describe("summarizeAlignment", () => {
  it("names the call that took the time and the loop that grew", () => {
    const a = buildTrace(spansFromDrawing(boot(2_000_000, 3)));
    const b = buildTrace(spansFromDrawing(boot(3_600_000, 240)));
    const s = summarizeAlignment(alignTraces(a, b));
    expect(s.deltaUs).toBe(1_600_000);
    expect(s.timeChanges[0]).toMatchObject({ service: "nova-compute", label: "LibvirtDriver.spawn", deltaUs: 1_600_000 });
    expect(s.countChanges[0]).toMatchObject({ service: "nova-conductor", label: "SELECT … FROM instance_extra", aCalls: 3, bCalls: 240 });
    expect(s.spans.new).toBe(237);
    expect(s.spans.missing).toBe(0);
    expect(s.spans.slower).toBe(1); // spawn; the root ends at 500 µs in both
    expect(s.answered).toEqual({ aUs: 500, bUs: 500 }); // the API answered long before the spawn ended
  });

  it("looks the other way when B is faster", () => {
    const s = summarizeAlignment(
      alignTraces(buildTrace(spansFromDrawing(boot(3_000_000, 3))), buildTrace(spansFromDrawing(boot(1_000_000, 3)))),
    );
    expect(s.deltaUs).toBe(-2_000_000);
    expect(s.timeChanges.map((c) => c.label)).toEqual(["LibvirtDriver.spawn"]);
    expect(s.countChanges).toEqual([]);
  });

  it("marks calls of a kind that ran side by side (their self times sum past the time they ran), not calls one after another", () => {
    const spawns = (n: number, gap: number) =>
      Array.from(
        { length: n },
        (_, k) =>
          `├ driver#s${k}  nova-compute ${1000 + k * gap}..${1000 + k * gap + 1_000_000} fn=nova.virt.libvirt.driver.LibvirtDriver.spawn`,
      ).join("\n");
    const trace = (body: string) =>
      buildTrace(
        spansFromDrawing(
          `wsgi#w nova-api 0..500 path="POST /v2.1/servers"\n${body}\n└ rpc#z nova-conductor 600..700 fn=nova.conductor.manager.done`,
        ),
      );
    const side = summarizeAlignment(alignTraces(trace(spawns(1, 0)), trace(spawns(4, 100_000))));
    expect(side.timeChanges[0]).toMatchObject({
      label: "LibvirtDriver.spawn",
      aCalls: 1,
      bCalls: 4,
      bSelfUs: 4_000_000,
      aOverlap: false,
      bOverlap: true,
    });
    const inTurn = summarizeAlignment(alignTraces(trace(spawns(1, 0)), trace(spawns(4, 1_000_000))));
    expect(inTurn.timeChanges[0]).toMatchObject({ label: "LibvirtDriver.spawn", bCalls: 4, aOverlap: false, bOverlap: false });
  });
});
