import { describe, expect, it } from "vitest";
import { buildSyntheticTrace } from "./buildSyntheticTrace";
import { generateSyntheticTraces } from "./generateSyntheticTraces";
import { SCENARIOS } from "./scenarios";
import type { ScenarioName, SyntheticSpan, SyntheticTrace } from "./types";

const NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** Every rule a trace must keep, as messages (empty when it keeps them all). */
function checkTrace(trace: SyntheticTrace): string[] {
  const problems: string[] = [];
  const byId = new Map<string, SyntheticSpan>();
  const position = new Map<SyntheticSpan, number>();
  trace.spans.forEach((span, i) => {
    if (byId.has(span.spanId)) problems.push(`duplicate span id ${span.spanId}`);
    byId.set(span.spanId, span);
    position.set(span, i);
  });
  const roots = trace.spans.filter((span) => span.parentId === trace.traceId);
  if (roots.length !== 1 || roots[0] !== trace.spans[0]) problems.push(`expected one root, the first span; got ${roots.length}`);
  for (const span of trace.spans) {
    if (!(span.stopUs > span.startUs))
      problems.push(`${span.name} ${span.spanId} stops at ${span.stopUs}, not after its start ${span.startUs}`);
    if (span.parentId === trace.traceId) continue;
    const parent = byId.get(span.parentId);
    if (!parent) {
      problems.push(`${span.name} ${span.spanId} has parent ${span.parentId}, neither the base_id nor a span`);
      continue;
    }
    if (position.get(parent)! > position.get(span)!) problems.push(`${span.spanId} listed before its parent`);
    if (span.startUs <= parent.startUs) problems.push(`${span.name} starts before its parent ${parent.name}`);
    // Only the work an RPC cast left running may end after its parent (documented in types.ts).
    if (!span.async && span.stopUs >= parent.stopUs)
      problems.push(`${span.name} ${span.spanId} ends after its parent ${parent.name} without being async`);
  }
  return problems;
}

function depthOf(trace: SyntheticTrace): number {
  const depth = new Map<string, number>([[trace.traceId, 0]]);
  let max = 0;
  for (const span of trace.spans) {
    const d = depth.get(span.parentId)! + 1;
    depth.set(span.spanId, d);
    if (d > max) max = d;
  }
  return max;
}

function widestFanOut(trace: SyntheticTrace): number {
  const children = new Map<string, number>();
  for (const span of trace.spans) children.set(span.parentId, (children.get(span.parentId) ?? 0) + 1);
  return Math.max(...children.values());
}

describe("generateSyntheticTraces", () => {
  it("gives the same traces for the same seed, other traces for another seed", () => {
    const a = [...generateSyntheticTraces({ traces: 20, seed: 99 })];
    const b = [...generateSyntheticTraces({ traces: 20, seed: 99 })];
    const c = [...generateSyntheticTraces({ traces: 20, seed: 100 })];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.map((t) => t.traceId)).not.toEqual(a.map((t) => t.traceId));
  });

  it.each(NAMES)("%s: every parent is the base_id or a span, children inside parents (async work excepted)", (scenario) => {
    for (let seed = 0; seed < 25; seed++) {
      for (const fail of [false, true]) {
        const trace = buildSyntheticTrace({ scenario, seed, startUs: 1_714_557_600_000_000, fail });
        expect(checkTrace(trace), `seed ${seed} fail ${fail}`).toEqual([]);
        expect(trace.failed).toBe(fail);
      }
    }
  });

  it("lets boot-server's work continue after the API answered, as casts do", () => {
    const trace = buildSyntheticTrace({ scenario: "boot-server", seed: 4, startUs: 0 });
    const root = trace.spans[0]!;
    const late = trace.spans.filter((span) => span.stopUs > root.stopUs);
    expect(late.length).toBeGreaterThan(10);
    expect(late.some((span) => span.name === "driver" && span.process.service === "nova-compute")).toBe(true);
    expect(trace.spans.filter((span) => span.async).map((span) => span.process.service)).toEqual(
      expect.arrayContaining(["nova-conductor", "nova-compute"]),
    );
  });

  it("lets create-stack answer once the stack is stored, its creation (the nested levels) going on after, as heat-engine's thread does", () => {
    const trace = buildSyntheticTrace({ scenario: "create-stack", seed: 4, startUs: 0, spanCount: 100 });
    const root = trace.spans[0]!;
    const create = trace.spans.filter((span) => span.name === "Stack.create");
    expect(create).toHaveLength(1);
    expect(create[0]!.async).toBe(true);
    expect(create[0]!.process.service).toBe("heat-engine");
    // Everything but the API's call and the stored stack is the creation's, after the answer.
    const late = trace.spans.filter((span) => span.stopUs > root.stopUs);
    expect(late.length).toBeGreaterThan(trace.spans.length - 10);
    expect(root.stopUs - root.startUs).toBeLessThan((trace.spans.at(-1)!.stopUs - root.startUs) / 5);
    // A nested stack that fails fails the creation, not the request (201); a top one that fails, the request (400).
    const failedNested = buildSyntheticTrace({ scenario: "create-stack", seed: 4, startUs: 0, spanCount: 100, fail: true });
    expect(failedNested.spans[0]!.stopInfo).toBeNull();
    expect(failedNested.spans.find((span) => span.name === "Stack.create")!.stopInfo).toMatchObject({
      etype: expect.stringMatching(/StackValidationFailed/),
    });
    const failedTop = buildSyntheticTrace({ scenario: "create-stack", seed: 4, startUs: 0, spanCount: 10, fail: true });
    expect(failedTop.spans.some((span) => span.name === "Stack.create")).toBe(false);
    expect(failedTop.spans[1]!.stopInfo).toMatchObject({ etype: expect.stringMatching(/StackValidationFailed/) });
  });

  it("crosses five projects and more, with OSprofiler's span names and realistic hosts", () => {
    const spans = [...generateSyntheticTraces({ traces: 300, seed: 5 })].flatMap((trace) => trace.spans);
    const projects = new Set(spans.map((span) => span.process.project));
    expect([...projects].sort()).toEqual(["cinder", "glance", "heat", "keystone", "neutron", "nova", "placement"]);
    const services = new Set(spans.map((span) => `${span.process.project}/${span.process.service}`));
    expect(services).toEqual(
      new Set([
        "nova/osapi_compute",
        "nova/nova-conductor",
        "nova/nova-scheduler",
        "nova/nova-compute",
        "neutron/neutron-server",
        "glance/api",
        "keystone/public",
        "placement/placement",
        "cinder/osapi_volume",
        "cinder/cinder-scheduler",
        "cinder/cinder-volume",
        "heat/heat-api",
        "heat/heat-engine",
      ]),
    );
    expect(new Set(spans.map((span) => span.name))).toEqual(
      // Stack.create: heat-engine's traced creation, started in a thread of its own (create-stack).
      new Set(["wsgi", "db", "rpc", "compute_api", "neutron_api", "driver", "vif_driver", "volume_api", "Stack.create"]),
    );
    expect(new Set(spans.map((span) => span.process.host)).size).toBeGreaterThan(15);
    const computeHosts = new Set(spans.filter((span) => span.process.service === "nova-compute").map((span) => span.process.host));
    expect([...computeHosts].every((host) => /^compute-\d+$/.test(host))).toBe(true);
  });

  it("fills info the way OSprofiler does: request for wsgi, SQL for db, function for the rest", () => {
    const spans = [...generateSyntheticTraces({ traces: 100, seed: 6 })].flatMap((trace) => trace.spans);
    for (const span of spans) {
      const info = span.startInfo as Record<string, Record<string, unknown>>;
      if (span.name === "wsgi") {
        expect(Object.keys(info.request!)).toEqual(["path", "query", "method", "scheme"]);
        expect(info.request!.path).toMatch(/^\//);
      } else if (span.name === "db") {
        expect(Object.keys(info.db!)).toEqual(["statement", "params"]);
        expect(info.db!.statement).toMatch(/^(SELECT|INSERT INTO|UPDATE|DELETE FROM) /);
        // Every pyformat placeholder has its parameter.
        for (const [, name] of (info.db!.statement as string).matchAll(/%\((\w+)\)s/g)) expect(info.db!.params).toHaveProperty(name!);
      } else {
        expect(Object.keys(info.function!)).toEqual(["name", "args", "kwargs"]);
        expect(info.function!.args).toMatch(/^\(.*\)$/s);
        expect(info.function!.kwargs).toMatch(/^\{.*\}$/s);
      }
    }
  });

  it.each([
    ["list-servers", 10],
    ["list-networks", 10],
    ["issue-token", 15],
    ["create-stack", 10],
    ["create-volume", 25],
    ["boot-server", 75],
    ...NAMES.flatMap((name) => [100, 1_000, 10_000].map((n) => [name, n] as const)),
  ] as [ScenarioName, number][])("%s with spanCount %i comes within 20%, or one unit of the scenario", (scenario, spanCount) => {
    const sizes = [1, 2, 3].map((seed) => buildSyntheticTrace({ scenario, seed, startUs: 0, spanCount }).spans.length);
    for (const size of sizes)
      expect(Math.abs(size - spanCount), `sizes ${sizes}`).toBeLessThanOrEqual(
        Math.max(4, spanCount * 0.2, SCENARIOS[scenario].spansPerUnit),
      );
  });

  it("reaches 100k spans both as a wide fan-out and as a deep chain", () => {
    const wide = buildSyntheticTrace({ scenario: "list-servers", seed: 1, startUs: 0, spanCount: 100_000 });
    expect(Math.abs(wide.spans.length - 100_000)).toBeLessThan(5_000);
    expect(widestFanOut(wide)).toBeGreaterThan(90_000);
    expect(checkTrace(wide)).toEqual([]);

    const deep = buildSyntheticTrace({ scenario: "create-stack", seed: 1, startUs: 0, spanCount: 100_000 });
    expect(Math.abs(deep.spans.length - 100_000)).toBeLessThan(5_000);
    expect(depthOf(deep)).toBeGreaterThan(20_000);
    expect(checkTrace(deep)).toEqual([]);

    const boot = buildSyntheticTrace({ scenario: "boot-server", seed: 1, startUs: 0, spanCount: 100_000 });
    expect(Math.abs(boot.spans.length - 100_000)).toBeLessThan(10_000);
    expect(checkTrace(boot)).toEqual([]);
  });

  it("fails about errorRate of the traces, and none or all at the ends", () => {
    const failedShare = (errorRate: number) =>
      [...generateSyntheticTraces({ traces: 1_000, seed: 8, errorRate, scenario: "list-networks" })].filter((t) => t.failed).length / 1_000;
    expect(failedShare(0)).toBe(0);
    expect(failedShare(1)).toBe(1);
    expect(Math.abs(failedShare(0.1) - 0.1)).toBeLessThan(0.03); // 3 sigma
  });

  it("starts at the requested time and spaces requests at the requested rate", () => {
    const traces = [...generateSyntheticTraces({ traces: 2_001, seed: 2, start: "2024-06-01T00:00:00.000000", tracesPerSecond: 50 })];
    expect(traces[0]!.startUs).toBe(Date.UTC(2024, 5, 1) * 1000);
    const meanGapUs = (traces[2_000]!.startUs - traces[0]!.startUs) / 2_000;
    expect(Math.abs(meanGapUs - 20_000)).toBeLessThan(2_000);
    expect(traces.every((t) => t.spans[0]!.startUs >= t.startUs)).toBe(true);
  });

  it("rejects options that make no sense, with the option's name", () => {
    expect(() => [...generateSyntheticTraces({ errorRate: 2 })]).toThrow(/errorRate/);
    expect(() => [...generateSyntheticTraces({ traces: -1 })]).toThrow(/traces/);
    expect(() => [...generateSyntheticTraces({ start: "yesterday" })]).toThrow(/start/);
    expect(() => [...generateSyntheticTraces({ spanCount: 0 })]).toThrow(/spanCount/);
    expect(() => [...generateSyntheticTraces({ scenario: "reboot" as ScenarioName })]).toThrow(/unknown scenario/);
  });
});
