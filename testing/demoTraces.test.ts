import { describe, expect, it } from "vitest";
import { generateDemoTraces } from "./demoTraces";

const NOW = Date.UTC(2026, 11, 7) * 1000;

describe("the demo's traces", () => {
  const traces = generateDemoTraces(NOW);
  const raised = (t: (typeof traces)[number]) =>
    t.notifications.filter((n) => "etype" in n.payload.info).map((n) => ({ spanId: n.payload.trace_id, info: n.payload.info }));

  it("say what their trace shows: the failing boot is a deadlock on an INSERT, retried, and the boot goes on to spawn", () => {
    const boot = traces.find((t) => /deadlock/.test(t.label))!;
    expect(boot.label).toBe("boot a VM through a database deadlock (an INSERT retried)");
    const errors = raised(boot);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.info).toMatchObject({ etype: "pymysql.err.OperationalError", message: expect.stringMatching(/Deadlock found/) });
    const start = boot.notifications.find((n) => n.payload.trace_id === errors[0]!.spanId && n.payload.name.endsWith("-start"))!;
    expect(JSON.stringify(start.payload.info)).toMatch(/INSERT INTO instance_extra/);
    const text = JSON.stringify(boot.notifications.map((n) => n.payload));
    expect(text).not.toMatch(/NoValidHost/);
    expect(text).toMatch(/LibvirtDriver\.spawn/);
  });

  it("raise nothing in the requests whose label names no failure", () => {
    const others = traces.filter((t) => !/deadlock/.test(t.label));
    expect(others).toHaveLength(6);
    for (const t of others) expect(raised(t), t.label).toEqual([]);
  });
});
